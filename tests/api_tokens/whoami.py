"""A small API view for the token tests: who the caller is and the projects they may see.

The product's endpoints live elsewhere; the tests mount this one through their own URLconf.
"""

from rest_framework.response import Response
from rest_framework.views import APIView

from projects.models import InvestmentProject


class WhoAmI(APIView):
    def get(self, request):
        projects = InvestmentProject.objects.visible_to(request.user).order_by("name")
        return Response({"user": request.user.username, "projects": list(projects.values_list("name", flat=True))})
