app_name = "api"

urlpatterns: list = []  # filled in by the API work
