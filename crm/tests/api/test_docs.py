import re
from html import unescape

from crm.catalogue import MODULES


def test_it_renders_a_public_reference_of_every_operation(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Pepper CRM API reference" in html
    for module in MODULES:
        for operation in ("list", "create", "retrieve", "update", "delete"):
            assert f'id="{module.resource}_{operation}"' in html
    assert 'id="problem-validation-error"' in html


def test_each_operation_has_a_curl_example_with_the_bearer_header(client, db):
    html = unescape(client.get("/api/v1/docs/").content.decode())
    examples = re.findall(r"<pre[^>]*aria-label=\"curl example[^>]*><code>(.*?)</code></pre>", html, re.S)
    assert len(examples) == 1 + 5 * len(MODULES)
    assert all('-H "Authorization: Bearer $CRM_TOKEN"' in example for example in examples)
    assert (
        "curl -X POST http://testserver/api/v1/leads/ \\\n"
        '  -H "Authorization: Bearer $CRM_TOKEN" \\\n'
        '  -H "Content-Type: application/json" \\\n'
        """  -d '{"name": "Example name"}'"""
    ) in examples


def test_it_loads_no_script_from_elsewhere(client, db):
    html = client.get("/api/v1/docs/").content.decode()
    assert not re.search(r"<script[^>]+src=\"https?://", html)
    assert "cdn" not in html.lower()
