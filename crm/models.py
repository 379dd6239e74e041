"""Tenancy (organisations and memberships) and the six CRM modules."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from crm.validators import validate_currency, validate_phone


class Organisation(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        MEMBER = "member", "Member"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()} of {self.organisation})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class OrganisationRecord(models.Model):
    """A record of one organisation; references to other records must stay inside it."""

    # db_index=False: both composite indexes below start with organisation.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["organisation", "id"], name="%(class)s_org_id"),
            models.Index(fields=["organisation", "updated_at", "id"], name="%(class)s_org_updated"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.organisation_id is None:
            return  # clean_fields() reports the missing organisation; there is nothing to compare with.
        errors = {}
        for field in self._meta.concrete_fields:
            if not field.is_relation or field.name == "organisation":
                continue
            related_id = getattr(self, field.attname)
            if related_id is None or self._reference_is_in_organisation(field, related_id):
                continue
            # The same message Django gives for an id that does not exist at all,
            # so a foreign organisation's id reveals nothing.
            errors[field.name] = ValidationError(
                field.error_messages["invalid"],
                code="invalid",
                params={
                    "model": field.related_model._meta.verbose_name,
                    "pk": related_id,
                    "field": field.remote_field.field_name,
                    "value": related_id,
                },
            )
        if errors:
            raise ValidationError(errors)

    def _reference_is_in_organisation(self, field: models.ForeignKey, related_id: object) -> bool:
        """One query: which organisation the referenced row belongs to (for a user: their membership's)."""
        related = field.related_model
        owner_path = organisation_path(related)
        if owner_path is None:
            return True
        try:
            owners = list(
                related._base_manager.filter(**{field.remote_field.field_name: related_id}).values_list(
                    owner_path, flat=True
                )[:1]
            )
        except (TypeError, ValueError):
            return True  # not an id at all: clean_fields() already says so
        # A row that does not exist is reported by Django's own ForeignKey check in clean_fields();
        # reporting it here too would print the message twice.
        return not owners or owners[0] == self.organisation_id


def organisation_path(model: type[models.Model]) -> str | None:
    """The lookup from a model to the organisation its rows belong to: a record's own, a user's
    membership's; None for models that belong to no organisation."""
    if issubclass(model, OrganisationRecord):
        return "organisation_id"
    if model._meta.label == settings.AUTH_USER_MODEL:
        return "membership__organisation_id"
    return None


class Lead(OrganisationRecord):
    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        QUALIFIED = "qualified", "Qualified"
        UNQUALIFIED = "unqualified", "Unqualified"
        CONVERTED = "converted", "Converted"

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True, validators=[validate_phone])
    company = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    source = models.CharField(max_length=100, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(OrganisationRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class Account(OrganisationRecord):
    name = models.CharField(max_length=200)
    industry = models.CharField(max_length=100, blank=True)
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=32, blank=True, validators=[validate_phone])
    address = models.TextField(blank=True, max_length=1000)

    class Meta(OrganisationRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class Contact(OrganisationRecord):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True, validators=[validate_phone])
    job_title = models.CharField(max_length=100, blank=True)
    account = models.ForeignKey(Account, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts")

    class Meta(OrganisationRecord.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Opportunity(OrganisationRecord):
    class Stage(models.TextChoices):
        PROSPECTING = "prospecting", "Prospecting"
        QUALIFICATION = "qualification", "Qualification"
        PROPOSAL = "proposal", "Proposal"
        NEGOTIATION = "negotiation", "Negotiation"
        WON = "won", "Won"
        LOST = "lost", "Lost"

    name = models.CharField(max_length=200)
    account = models.ForeignKey(Account, on_delete=models.SET_NULL, null=True, blank=True, related_name="opportunities")
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="opportunities")
    amount = models.DecimalField(max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, default="USD", validators=[validate_currency])
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PROSPECTING)
    close_date = models.DateField(null=True, blank=True)

    class Meta(OrganisationRecord.Meta):
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.name


class Activity(OrganisationRecord):
    class Kind(models.TextChoices):
        CALL = "call", "Call"
        MEETING = "meeting", "Meeting"
        TASK = "task", "Task"
        NOTE = "note", "Note"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TASK)
    subject = models.CharField(max_length=200)
    notes = models.TextField(blank=True, max_length=10_000)
    due_at = models.DateTimeField(null=True, blank=True)
    done = models.BooleanField(default=False)
    lead = models.ForeignKey(Lead, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities")
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities")
    account = models.ForeignKey(Account, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities")
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )

    class Meta(OrganisationRecord.Meta):
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.subject


class Message(OrganisationRecord):
    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "SMS"
        WHATSAPP = "whatsapp", "WhatsApp"
        CHAT = "chat", "Chat"
        OTHER = "other", "Other"

    class Direction(models.TextChoices):
        INBOUND = "inbound", "Inbound"
        OUTBOUND = "outbound", "Outbound"

    channel = models.CharField(max_length=20, choices=Channel.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    sender = models.CharField(max_length=254)
    recipient = models.CharField(max_length=254)
    body = models.TextField(max_length=50_000)
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages")
    lead = models.ForeignKey(Lead, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta(OrganisationRecord.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.direction} {self.sender} → {self.recipient}"
