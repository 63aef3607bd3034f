from wagtail.admin.forms import WagtailAdminPageForm

from .validation import check_table


class DatasetPageForm(WagtailAdminPageForm):
    """Checks every newly uploaded CSV against the field descriptions in the same form, so
    problems show in the editor before anything is published."""

    def clean(self):
        cleaned = super().clean()
        field_forms = self.formsets["data_fields"].forms
        names = [form.cleaned_data.get("name", "") for form in field_forms
                 if form.is_valid() and not form.cleaned_data.get("DELETE")]
        for form in self.formsets["resources"].forms:
            upload = form.files.get(form.add_prefix("file"))
            if upload is None or not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            if form.cleaned_data.get("format") != "CSV":
                continue
            data = upload.read()
            upload.seek(0)
            declared = "Big5" if form.cleaned_data.get("convert_to_utf8") else \
                form.cleaned_data.get("encoding")
            for problem in check_table(data, declared, names):
                form.add_error("file", problem)
        return cleaned
