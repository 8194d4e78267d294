from django import forms


class EmailReminderForm(forms.Form):
    email_reminders = forms.BooleanField(
        label="Send me an e-mail when something is due", required=False
    )
