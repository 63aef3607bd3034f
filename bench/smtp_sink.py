"""The benchmarks' mail server: the least of SMTP that Django's SMTP backend needs, on
127.0.0.1. It accepts every message and keeps, for each, what `keep(text)` returns (a case
number, a header's presence), not the message itself: a run sends thousands."""

import socketserver
import threading


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, keep):
        super().__init__(("127.0.0.1", port), SmtpHandler)
        self.keep = keep
        self.lock = threading.Lock()
        self.connections = 0
        self.kept = []


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        with self.server.lock:
            self.server.connections += 1
        self.reply("220 bench sink")
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ")[0].upper()
            if verb == "EHLO":
                self.reply("250-bench")
                self.reply("250 8BITMIME")
            elif verb == "DATA":
                self.reply("354 go on")
                message = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    message.append(data)
                kept = self.server.keep(b"".join(message).decode(errors="replace"))
                with self.server.lock:
                    self.server.kept.append(kept)
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                self.reply("250 ok")
