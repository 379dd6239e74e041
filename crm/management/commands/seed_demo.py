"""Create demo organisations, users and sample records. Safe to run any number of times."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from crm.models import Account, Activity, Contact, Lead, Membership, Message, Opportunity, Organisation

DEMO_PASSWORD = "pepper-demo-2026"  # noqa: S105 (demo data, printed on purpose)

ORGANISATIONS = [
    (
        "acme",
        "Acme Pte Ltd",
        [("admin", "Ada", "Admin", Membership.Role.ADMIN), ("member", "Max", "Member", Membership.Role.MEMBER)],
    ),
    ("globex", "Globex Corporation", [("globex-admin", "Gina", "Globex", Membership.Role.ADMIN)]),
]

ACCOUNTS = [
    ("Northwind Traders", "Wholesale", "https://northwind.example", "+65 6123 4567"),
    ("Contoso Ltd", "Software", "https://contoso.example", "+44 20 7946 0011"),
    ("Tailspin Toys", "Retail", "https://tailspin.example", "+1 415 555 0142"),
    ("Fabrikam Inc", "Manufacturing", "https://fabrikam.example", "+49 30 901820"),
]
PEOPLE = [
    ("Priya", "Nair", "Head of Operations"),
    ("Tom", "Becker", "CTO"),
    ("Mei", "Tan", "Procurement Lead"),
    ("Lucas", "Silva", "Marketing Manager"),
    ("Aisha", "Rahman", "CFO"),
    ("Noah", "Kim", "Sales Director"),
]


class Command(BaseCommand):
    help = "Create the demo organisations, users and sample records (idempotent) and print how to log in."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            for slug, name, users in ORGANISATIONS:
                organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name})
                people = [
                    self._ensure_user(username, first, last, organisation=organisation, role=role)
                    for username, first, last, role in users
                ]
                # Records exist or not as a whole (one transaction), so leads stand for all of them.
                if not Lead.objects.filter(organisation=organisation).exists():
                    self._create_records(organisation, owners=people)
            self._ensure_user("support", "Sam", "Support", staff=True)
        self._print_instructions()

    def _ensure_user(self, username, first, last, *, organisation=None, role=None, staff=False):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.com",
                "is_staff": staff,
                "is_superuser": staff,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if organisation is not None:
            Membership.objects.get_or_create(user=user, defaults={"organisation": organisation, "role": role})
        return user

    def _create_records(self, organisation: Organisation, *, owners: list) -> None:
        now = timezone.now()
        domain = f"{organisation.slug}.example"
        accounts = [
            Account.objects.create(
                organisation=organisation,
                name=f"{name} ({organisation.slug})",
                industry=industry,
                website=site,
                phone=phone,
                address="1 Demo Street",
            )
            for name, industry, site, phone in ACCOUNTS
        ]
        contacts = [
            Contact.objects.create(
                organisation=organisation,
                first_name=first,
                last_name=last,
                email=f"{first.lower()}.{last.lower()}@{domain}",
                phone=f"+65 8{index:03d} 1234",
                job_title=title,
                account=accounts[index % len(accounts)],
            )
            for index, (first, last, title) in enumerate(PEOPLE)
        ]
        statuses = list(Lead.Status.values)
        leads = [
            Lead.objects.create(
                organisation=organisation,
                name=f"{first} {last}",
                email=f"{first.lower()}@prospect-{index}.example",
                phone=f"+1 212 555 01{index:02d}",
                company=f"Prospect {index} Holdings",
                status=statuses[index % len(statuses)],
                source=["Website", "Referral", "Trade show", "Cold call"][index % 4],
                owner=owners[index % len(owners)] if index % 3 else None,
            )
            for index, (first, last, _) in enumerate(PEOPLE * 2)
        ]
        stages = list(Opportunity.Stage.values)
        opportunities = [
            Opportunity.objects.create(
                organisation=organisation,
                name=f"{account.name.split(' (')[0]} renewal",
                account=account,
                contact=contacts[index],
                amount=Decimal(12_500 * (index + 1)),
                currency=["SGD", "USD", "EUR", "GBP"][index],
                stage=stages[index % len(stages)],
                close_date=(now + timedelta(days=30 * (index + 1))).date(),
            )
            for index, account in enumerate(accounts)
        ]
        kinds = list(Activity.Kind.values)
        for index, opportunity in enumerate(opportunities):
            Activity.objects.create(
                organisation=organisation,
                kind=kinds[index % len(kinds)],
                subject=f"Follow up on {opportunity.name}",
                notes="Discuss pricing and timeline.",
                due_at=now + timedelta(days=index + 1),
                done=index % 2 == 0,
                opportunity=opportunity,
                account=opportunity.account,
            )
        for index, contact in enumerate(contacts):
            Message.objects.create(
                organisation=organisation,
                channel=["email", "sms", "whatsapp"][index % 3],
                direction=["inbound", "outbound"][index % 2],
                sender=contact.email if index % 2 == 0 else f"sales@{domain}",
                recipient=f"sales@{domain}" if index % 2 == 0 else contact.email,
                body=f"Hi {contact.first_name}, thanks for your time today.",
                contact=contact,
                lead=leads[index],
                sent_at=now - timedelta(hours=index),
            )

    def _print_instructions(self) -> None:
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready.")
            + f"""
  App:          http://127.0.0.1:8000/
  Admin of Acme (manages private apps):   admin / {DEMO_PASSWORD}
  Member of Acme (no Settings access):    member / {DEMO_PASSWORD}
  Admin of Globex (another organisation): globex-admin / {DEMO_PASSWORD}
  Support staff, Django admin at http://127.0.0.1:8000/admin/:  support / {DEMO_PASSWORD}
"""
        )
