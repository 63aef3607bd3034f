// Wagtail's rich text editor (Draftail) does not take its field's label as its accessible
// name: the label points at a hidden input, so screen readers announce an unnamed text box
// (wagtail/wagtail#14205). Name each editor after its field's label, also for editors that
// appear later (a new StreamField block or inline panel form). Remove once Wagtail does it.
(() => {
  const nameEditors = () => {
    document.querySelectorAll("input[data-draftail-input]").forEach((input) => {
      const editor = input.parentElement.querySelector('[role="textbox"][contenteditable]');
      if (!editor || editor.hasAttribute("aria-labelledby")) return;
      const label = document.querySelector(`label[for="${input.id}"]`);
      if (!label) return;
      if (!label.id) label.id = `${input.id}-label`;
      editor.setAttribute("aria-labelledby", label.id);
    });
  };
  new MutationObserver(nameEditors).observe(document.documentElement,
                                            { childList: true, subtree: true });
  nameEditors();
})();
