"""URLs of the engagement pages; the project-wide ``crm.urls`` includes them."""


app_name = "crm"

urlpatterns: list = []
