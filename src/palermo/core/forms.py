"""How every form is drawn: one form template and one field template for the whole product.

`{{ form }}` and `{{ field.as_field_group }}` use these, so a page never carries its own copy of
the label / help text / error markup (and the accessibility fixes live in one place).
"""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    form_template_name = "palermo/forms/form.html"
    field_template_name = "palermo/forms/field.html"
