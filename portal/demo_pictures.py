"""Pictures for the demo, drawn with Pillow when the demo is loaded: harbour skylines and
exhibition posters with gradients, shapes and the city's name. Each is seeded by its
name, so that loading the demo again draws the same picture, and saved as a small JPEG.
No font file is needed: Pillow's own scalable font draws the Latin names."""

import io
import random
import zlib

from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 960, 600

# Sky and sea colours of a time of day: (top of the sky, horizon, sea).
SKIES = [
    ((35, 78, 150), (250, 178, 110), (24, 70, 120)),   # evening
    ((52, 120, 200), (176, 218, 240), (30, 96, 150)),  # day
    ((18, 30, 72), (92, 72, 140), (14, 28, 60)),       # night
    ((96, 70, 150), (248, 150, 120), (52, 60, 118)),   # dusk
    ((60, 140, 190), (230, 236, 210), (32, 110, 140)),  # morning
]
POSTER_COLOURS = [
    ((20, 70, 140), (0, 150, 160)), ((150, 40, 40), (230, 130, 40)),
    ((40, 100, 50), (150, 190, 60)), ((90, 30, 120), (220, 80, 120)),
    ((130, 90, 10), (230, 190, 60)), ((10, 90, 90), (60, 160, 210)),
]


def seeded(name):
    """A random generator that gives the same numbers for the same name on every run."""
    return random.Random(zlib.crc32(name.encode()))  # noqa: S311 - a drawing, not a secret


def _font(size):
    return ImageFont.load_default(size=size)


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _vertical_gradient(draw, box, top, bottom):
    left, upper, right, lower = box
    height = max(lower - upper, 1)
    for y in range(upper, lower):
        draw.line((left, y, right, y), fill=_mix(top, bottom, (y - upper) / height))


def _jpeg(canvas):
    out = io.BytesIO()
    canvas.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def city_scene(name, label):
    """A harbour city at some time of day: sky, hills, a skyline with lit windows, cranes,
    a ship and the water, with the city's name on a band."""
    rng = seeded(name)
    sky_top, horizon, sea = rng.choice(SKIES)
    canvas = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(canvas)
    waterline = int(HEIGHT * rng.uniform(0.66, 0.72))
    _vertical_gradient(draw, (0, 0, WIDTH, waterline), sky_top, horizon)
    # The sun or moon, softly glowing.
    glow = Image.new("L", (WIDTH, HEIGHT), 0)
    sun_x, sun_y, radius = rng.randint(120, WIDTH - 120), rng.randint(70, waterline - 150), 42
    ImageDraw.Draw(glow).ellipse((sun_x - radius * 2, sun_y - radius * 2,
                                  sun_x + radius * 2, sun_y + radius * 2), fill=110)
    glow = glow.filter(ImageFilter.GaussianBlur(30))
    canvas.paste((255, 236, 190), mask=glow)
    draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius),
                 fill=(255, 240, 200))
    # Two ranges of hills behind the city.
    for depth, share in ((0.55, 0.35), (0.75, 0.18)):
        colour = _mix(horizon, sea, depth)
        points = [(0, waterline)]
        for x in range(0, WIDTH + 80, 80):
            points.append((x, waterline - int(HEIGHT * share * rng.uniform(0.45, 1.0))))
        points.append((WIDTH, waterline))
        draw.polygon(points, fill=colour)
    # The skyline: towers of different heights, some with lit windows, one landmark spire.
    x = rng.randint(-20, 10)
    lit = _mix((255, 220, 140), horizon, 0.2)
    while x < WIDTH:
        width = rng.randint(28, 70)
        height = rng.randint(40, int(HEIGHT * 0.38))
        shade = _mix((30, 36, 58), horizon, rng.uniform(0.05, 0.35))
        draw.rectangle((x, waterline - height, x + width, waterline), fill=shade)
        for wy in range(waterline - height + 8, waterline - 6, 12):
            for wx in range(x + 6, x + width - 6, 10):
                if rng.random() < 0.28:
                    draw.rectangle((wx, wy, wx + 4, wy + 5), fill=lit)
        x += width + rng.randint(0, 8)
    spire = rng.randint(WIDTH // 4, WIDTH * 3 // 4)
    draw.polygon([(spire - 26, waterline), (spire - 10, waterline - int(HEIGHT * 0.5)),
                  (spire + 10, waterline - int(HEIGHT * 0.5)), (spire + 26, waterline)],
                 fill=_mix((24, 28, 48), horizon, 0.1))
    draw.line((spire, waterline - int(HEIGHT * 0.5), spire, waterline - int(HEIGHT * 0.58)),
              fill=(24, 28, 48), width=4)
    # Harbour cranes on the quay.
    for crane_x in rng.sample(range(60, WIDTH - 60, 90), 2):
        top = waterline - 150
        draw.line((crane_x, waterline, crane_x, top), fill=(200, 70, 40), width=6)
        draw.line((crane_x - 50, top, crane_x + 70, top), fill=(200, 70, 40), width=6)
        draw.line((crane_x + 60, top, crane_x + 60, top + 60), fill=(60, 60, 60), width=2)
    # The water, with light on its waves, and a ship.
    _vertical_gradient(draw, (0, waterline, WIDTH, HEIGHT), _mix(sea, horizon, 0.25), sea)
    for _ in range(140):
        wx, wy = rng.randint(0, WIDTH), rng.randint(waterline + 4, HEIGHT - 4)
        length = rng.randint(8, 40)
        draw.line((wx, wy, wx + length, wy), fill=_mix(sea, (255, 255, 255), 0.35), width=2)
    ship_x, ship_y = rng.randint(80, WIDTH - 280), waterline + rng.randint(30, 70)
    draw.polygon([(ship_x, ship_y), (ship_x + 200, ship_y), (ship_x + 180, ship_y + 26),
                  (ship_x + 16, ship_y + 26)], fill=(40, 40, 46))
    for index, colour in enumerate(((200, 60, 50), (40, 110, 170), (230, 180, 40))):
        draw.rectangle((ship_x + 30 + index * 44, ship_y - 22, ship_x + 70 + index * 44, ship_y),
                       fill=colour)
    # The name on a band.
    draw.rectangle((0, HEIGHT - 76, WIDTH, HEIGHT), fill=(12, 24, 44))
    draw.text((32, HEIGHT - 38), label, font=_font(38), fill=(255, 255, 255), anchor="lm")
    return _jpeg(canvas)


def poster(name, heading, lines):
    """An exhibition poster: a diagonal gradient, overlapping circles and bands, the
    heading in large letters and a few lines under it."""
    rng = seeded(name)
    first, second = rng.choice(POSTER_COLOURS)
    canvas = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(canvas)
    # A diagonal gradient: one line per step across.
    steps = WIDTH + HEIGHT
    for step in range(0, steps, 2):
        draw.line((step, 0, step - HEIGHT, HEIGHT), fill=_mix(first, second, step / steps),
                  width=3)
    shapes = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    shape_draw = ImageDraw.Draw(shapes)
    for _ in range(7):
        radius = rng.randint(40, 200)
        cx, cy = rng.randint(WIDTH // 3, WIDTH + 60), rng.randint(-60, HEIGHT + 60)
        tint = rng.choice(((255, 255, 255), _mix(second, (255, 255, 255), 0.5), first))
        shape_draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius),
                           fill=(*tint, rng.randint(40, 110)))
    for index in range(4):
        offset = rng.randint(0, 200)
        shape_draw.polygon([(WIDTH - 380 + offset + index * 40, HEIGHT),
                            (WIDTH - 300 + offset + index * 40, HEIGHT),
                            (WIDTH + offset + index * 40, HEIGHT - 300),
                            (WIDTH - 80 + offset + index * 40, HEIGHT - 300)],
                           fill=(255, 255, 255, 36))
    canvas.paste(shapes, mask=shapes)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((48, 64, 56, 330), fill=(255, 255, 255))
    draw.text((80, 90), "KAOHSIUNG  SISTER CITIES", font=_font(24), fill=(255, 255, 255))
    size = 96 if len(heading) <= 12 else 64
    draw.text((76, 130), heading, font=_font(size), fill=(255, 255, 255))
    for number, line in enumerate(lines):
        draw.text((80, 150 + size + 20 + number * 40), line, font=_font(28),
                  fill=(255, 255, 255))
    draw.rectangle((0, HEIGHT - 56, WIDTH, HEIGHT), fill=(255, 255, 255))
    draw.text((80, HEIGHT - 28), "Siwei Administrative Centre  ·  Atrium", font=_font(22),
              fill=first, anchor="lm")
    return _jpeg(canvas)
