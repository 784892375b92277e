from django.urls import path

from . import views

app_name = "declaraties"

urlpatterns = [
    path("", views.declaration_list, name="list"),
    path("open-te-betalen/", views.open_to_pay, name="open"),
    path("<int:pk>/", views.declaration_detail, name="detail"),
    path("prestatie/<int:pk>/", views.line_detail, name="line"),
]
