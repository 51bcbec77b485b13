"""The OpenAPI document and the docs UI, served without any CDN."""

from flask.testing import FlaskClient


def test_the_spec_is_openapi_3_1_with_every_resource(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").json
    assert spec["openapi"] == "3.1.0"
    for path in (
        "/api/v1/intakes",
        "/api/v1/items/{code}/events",
        "/api/v1/public/track/{code}",
    ):
        assert path in spec["paths"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]


def test_mutating_endpoints_document_the_idempotency_key(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").json
    params = spec["paths"]["/api/v1/items/{code}/events"]["post"]["parameters"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in params)


def test_the_docs_ui_loads_its_assets_from_this_server(client: FlaskClient) -> None:
    page = client.get("/docs").get_data(as_text=True)
    assert "/docs-static/swagger-ui-bundle.js" in page
    assert "//cdn" not in page and "unpkg" not in page and "jsdelivr" not in page
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
