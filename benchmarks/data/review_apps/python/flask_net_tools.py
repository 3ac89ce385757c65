"""Little network toolbox for the support team: DNS lookups, reachability, link previews."""
import ipaddress
import os
import re
import subprocess

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
HOST_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$")


@app.get("/tools/ping")
def ping():
    host = request.args.get("host", "")
    if not HOST_RE.match(host):
        return jsonify(error="invalid host"), 400
    proc = subprocess.run(["ping", "-c", "2", "-W", "2", host], capture_output=True, text=True,
                          timeout=10)
    return jsonify(host=host, ok=proc.returncode == 0, output=proc.stdout[-2000:])


@app.get("/tools/dns")
def dns_lookup():
    domain = request.args.get("domain", "")
    record = request.args.get("type", "A")
    if record not in {"A", "AAAA", "MX", "TXT", "NS"}:
        return jsonify(error="unsupported record type"), 400
    output = os.popen(f"nslookup -type={record} {domain}").read()
    return jsonify(domain=domain, type=record, output=output)


@app.get("/tools/whois-ip")
def whois_ip():
    try:
        ip = ipaddress.ip_address(request.args.get("ip", ""))
    except ValueError:
        return jsonify(error="invalid ip"), 400
    return jsonify(ip=str(ip), private=ip.is_private, version=ip.version)


@app.post("/tools/preview")
def link_preview():
    url = (request.get_json(silent=True) or {}).get("url", "")
    if not url.startswith(("http://", "https://")):
        return jsonify(error="http(s) URLs only"), 400
    resp = requests.get(url, timeout=5, allow_redirects=True)
    title = re.search(r"<title>(.*?)</title>", resp.text, re.I | re.S)
    return jsonify(url=resp.url, status=resp.status_code,
                   title=title.group(1).strip() if title else None,
                   snippet=resp.text[:500])
