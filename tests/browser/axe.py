"""axe-core checks restricted to WCAG 2.1 A and AA, with a readable report when they fail."""

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def assert_no_axe_violations(page, *, within: str | None = None, state: str = "") -> None:
    """Run axe on the page (or only the element matching `within`) and fail with every violation listed."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page, context=within, options=options)
    where = f"{page.url}{f' ({state})' if state else ''}"
    assert results.violations_count == 0, f"axe: WCAG 2.1 AA violations on {where}\n{_report(results.response)}"


def _report(response: dict) -> str:
    lines = []
    for violation in response["violations"]:
        lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.extend(f"       {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)
