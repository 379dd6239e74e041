"""Reads of CRM data for the browser screens."""

from dataclasses import dataclass

from crm.catalogue import MODULES, Module
from crm.models import Organisation


@dataclass(frozen=True)
class ModuleCount:
    module: Module
    count: int


def organisation_record_counts(*, organisation: Organisation) -> list[ModuleCount]:
    return [
        ModuleCount(module=module, count=module.model.objects.filter(organisation=organisation).count())
        for module in MODULES
    ]
