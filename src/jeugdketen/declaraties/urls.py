from django.urls import path

from . import views

app_name = "declaraties"

urlpatterns = [
    path("", views.declaration_list, name="list"),
    path("open-te-betalen/", views.open_to_pay, name="open"),
    path("betalen/", views.pay, name="pay"),
    path("verplichting/<int:pk>/correctie/", views.correct, name="correct"),
    path("indienen/", views.upload, name="upload"),
    path("<int:pk>/", views.declaration_detail, name="detail"),
    path("prestatie/<int:pk>/", views.line_detail, name="line"),
]
