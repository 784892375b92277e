from django.urls import path

from . import timeline, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.login_view, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("demo/", views.demo_login, name="demo_login"),
    path("clienten/<int:pk>/tijdlijn/", timeline.client_timeline, name="timeline"),
]
