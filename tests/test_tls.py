"""Certificates are verified by default; a registry entry with `verify_tls: false` is fetched anyway."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlite_utils
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.conftest import free_port, run_crawl

HOSTS = {"lenient-sct": "127.0.0.31", "strict-sct": "127.0.0.32"}
PAGES = {
    "/robots.txt": "User-agent: *\nDisallow:\n",
    "/tin-tuc": '<html><body><ul><li><a href="/tin-tuc/hoi-nghi-1.html">Hội nghị</a></li></ul></body></html>',
    "/tin-tuc/hoi-nghi-1.html": (
        "<html><head><title>Hội nghị tổng kết năm 2024</title></head><body><h1>Hội nghị tổng kết năm 2024</h1>"
        '<div class="date">06/01/2025 08:00</div><div class="content"><p>Sáng 06/01/2025, Sở Công Thương tổ '
        "chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025 với sự tham dự của lãnh đạo "
        "các phòng, đơn vị trực thuộc và đại diện các doanh nghiệp trên địa bàn tỉnh.</p></div></body></html>"),
}


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate no authority signed: what a department's broken HTTPS looks like to a client."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "so-cong-thuong.test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=30))
                   .add_extension(x509.SubjectAlternativeName(
                       [x509.IPAddress(ipaddress.ip_address(host)) for host in HOSTS.values()]), critical=False)
                   .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write((body or "").encode("utf-8"))

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the crawl's own log says what was fetched."""


@pytest.fixture
def https_sites(tmp_path: Path) -> Iterator[int]:
    cert, key = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    port = free_port()
    servers = []
    for host in HOSTS.values():
        server = ThreadingHTTPServer((host, port), Pages)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield port
    for server in servers:
        server.shutdown()
        server.server_close()


def test_only_the_site_marked_verify_tls_false_is_fetched_despite_its_certificate(https_sites: int,
                                                                                  tmp_path: Path) -> None:
    entries = []
    for site_id, host in HOSTS.items():
        base = f"https://{host}:{https_sites}"
        entries.append(
            f"  - id: {site_id}\n    name: {site_id}\n    province: Hải Dương\n    province_2025: Hải Phòng\n"
            f"    homepage: {base}/\n    verify_tls: {'false' if site_id == 'lenient-sct' else 'true'}\n"
            f"    listings: [{{url: '{base}/tin-tuc'}}]\n    links: {{article: ['/tin-tuc/.+\\.html$']}}\n"
            f"    selectors: {{title: h1, date: .date, body: .content}}\n")
    registry = tmp_path / "sites.yaml"
    registry.write_text("sources:\n" + "".join(entries), encoding="utf-8")
    db_path = tmp_path / "archive.db"
    result = run_crawl(db_path, 0, "--sources", str(registry))
    assert result.returncode == 0, result.log[-3000:]
    db = sqlite_utils.Database(db_path)
    assert [row["site_id"] for row in db.query("select site_id from articles")] == ["lenient-sct"]
    [archived] = list(db.query("select title, published from articles"))
    assert archived == {"title": "Hội nghị tổng kết năm 2024", "published": "2025-01-06T08:00:00+07:00"}
    errors = {(row["site_id"], row["kind"]) for row in db.query("select site_id, kind from crawl_errors")}
    assert errors == {("strict-sct", "tls_error")}
    assert {row["verify_tls"] for row in db.query("select verify_tls from sites")} == {0, 1}
