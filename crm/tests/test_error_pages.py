"""The 404 page: in the site's layout, and saying no more than that the page is not there."""

from django.urls import reverse


def test_an_unknown_page_is_a_404_in_the_sites_layout(admin_client_):
    response = admin_client_.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Acme Pte Ltd" in response.content  # the layout, with the organisation
    assert f'href="{reverse("crm:home")}"'.encode() in response.content
