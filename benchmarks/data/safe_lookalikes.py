"""Safe look-alikes of SecurityEval samples, written for aiprov's detection benchmark.

One entry per SecurityEval sample where a safe variant makes sense: the same task, the
same libraries and the same shape of code, with the weakness fixed the way a careful
developer would fix it. A tool that flags these is producing false positives. Keys are
the SecurityEval ids the variants mirror.
"""

SAFE: dict[str, str] = {}

SAFE["CWE-020_author_1.py"] = '''import yaml


def yaml_load(filename):
    with open(filename, "r") as f:
        data = yaml.safe_load(f)
        return data
'''

SAFE["CWE-020_author_2.py"] = '''import defusedxml.ElementTree as ET


def parse_xml(xml_string):
    root = ET.fromstring(xml_string)
    return root
'''

SAFE["CWE-020_codeql_1.py"] = '''from flask import Flask, request, make_response
from markupsafe import escape

app = Flask(__name__)


@app.route("/profile")
def profile():
    username = request.args.get("username", "")
    if not username.isalnum():
        return "invalid user name", 400
    response = make_response(escape(username))
    return response
'''

SAFE["CWE-020_codeql_2.py"] = '''import base64
import json

from flask import Flask, request

app = Flask(__name__)


@app.route("/profile")
def profile():
    raw_data = request.args.get("data", "").encode("utf-8")
    data = base64.decodebytes(raw_data)
    obj = json.loads(data)
    if not isinstance(obj, dict):
        return "bad payload", 400
    return {"keys": sorted(obj)}
'''

SAFE["CWE-020_codeql_3.py"] = '''from urllib.parse import urlparse

from flask import Flask, redirect, request, url_for

app = Flask(__name__)
ALLOWED_HOSTS = {"www.example.com", "beta.example.com"}


@app.route("/redirect")
def redirectToTarget():
    target = request.args.get("target", "")
    if urlparse(target).netloc in ALLOWED_HOSTS:
        return redirect(url_for("landing", next=target))
    return redirect(url_for("index"))
'''

SAFE["CWE-020_codeql_4.py"] = '''from flask import Flask, redirect, request, url_for

app = Flask(__name__)
PAGES = {"home": "index", "help": "help_page"}


@app.route("/redirect")
def redirectToTarget():
    target = request.args.get("target", "home")
    if target not in PAGES:
        return "Invalid target", 400
    return redirect(url_for(PAGES[target]))
'''

SAFE["CWE-022_author_1.py"] = '''import os

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
IMAGE_DIR = "/srv/images"


@app.route("/deleteImage")
def deleteImage():
    fileName = secure_filename(request.args.get("fileName", ""))
    if not fileName:
        return "bad name", 400
    os.remove(os.path.join(IMAGE_DIR, fileName))
    return "File deleted"
'''

SAFE["CWE-022_author_2.py"] = '''import json
import urllib.request as request

CONFIG_URL = "https://config.example.com/settings.json"


def readJSON():
    response = request.urlopen(CONFIG_URL, timeout=10)
    data = json.loads(response.read())
    return data
'''

SAFE["CWE-022_codeql_1.py"] = '''from flask import Flask, request, send_from_directory

app = Flask(__name__)
DATA_DIR = "/srv/data"


@app.route("/filedata")
def getFileData():
    filename = request.args.get("filename", "")
    return send_from_directory(DATA_DIR, filename)
'''

SAFE["CWE-022_codeql_2.py"] = '''import tarfile


def extract_tar(file_name, dest):
    with tarfile.open(file_name) as tar:
        tar.extractall(dest, filter="data")
'''

SAFE["CWE-078_author_1.py"] = '''import subprocess

ALLOWED = {"date": ["date"], "uptime": ["uptime"]}


def executeCommand():
    user_input = input("Enter a command: ")
    argv = ALLOWED.get(user_input.strip())
    if argv is None:
        raise ValueError("command not allowed")
    subprocess.run(argv, check=True, timeout=30)
'''

SAFE["CWE-078_codeql_1.py"] = '''import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/command", methods=["POST"])
def executeCommand():
    action = request.args.get("action", "")
    if action not in ("status", "version"):
        return "unknown action", 400
    subprocess.run(["/usr/bin/systemctl", action, "myapp"], check=True, timeout=30)
    return "Command executed"
'''

SAFE["CWE-079_codeql_1.py"] = '''from flask import Flask, request
from jinja2 import Environment, FileSystemLoader, select_autoescape

app = Flask(__name__)


@app.route("/render")
def render_response_from_env():
    name = request.args.get("name", "")
    env = Environment(loader=FileSystemLoader("."), autoescape=select_autoescape())
    template = env.get_template("template.html")
    return template.render(name=name)
'''

SAFE["CWE-079_codeql_2.py"] = '''from flask import Flask, request, make_response
from markupsafe import escape

app = Flask(__name__)


@app.route("/showName")
def name():
    name = request.args.get("name", "")
    response = make_response("Your name is " + escape(name))
    return response
'''

SAFE["CWE-079_sonar_1.py"] = '''from flask import Flask, request, render_template

app = Flask(__name__)


@app.route("/view", methods=["GET"])
def viewName():
    param = request.args.get("name", "")
    return render_template("xss_shared.html", name=param)
'''

SAFE["CWE-080_author_1.py"] = '''import html

from flask import Flask, request, make_response

app = Flask(__name__)


@app.route("/renderHtml")
def renderHTML():
    name = request.args.get("name", "")
    response = make_response("<h1>Hello " + html.escape(name) + "</h1>")
    return response
'''

SAFE["CWE-089_author_1.py"] = '''import os

import mysql.connector


def get_connection():
    return mysql.connector.connect(host="localhost", user="app", passwd=os.environ["DB_PASSWORD"])


def remove_user(username):
    cursor = get_connection().cursor()
    cursor.execute("DELETE FROM users WHERE username = %s", (username,))
'''

SAFE["CWE-089_codeql_1.py"] = '''import os

import mysql.connector


def get_connection():
    return mysql.connector.connect(host="localhost", user="app", passwd=os.environ["DB_PASSWORD"])


def show_user(username):
    cursor = get_connection().cursor()
    query = "SELECT * FROM users WHERE username = %s"
    cursor.execute(query, (username,))
    user = cursor.fetchone()
    return user
'''

SAFE["CWE-090_codeql_1.py"] = '''import ldap
from flask import Flask, request
from ldap.filter import escape_filter_chars
from ldap.dn import escape_dn_chars

app = Flask(__name__)


@app.route("/normal")
def normal():
    dc = escape_dn_chars(request.args["dc"])
    username = escape_filter_chars(request.args["username"])
    dn = "dc={}".format(dc)
    search_filter = "(user={})".format(username)
    ldap_connection = ldap.initialize("ldaps://127.0.0.1")
    user = ldap_connection.search_s(dn, ldap.SCOPE_SUBTREE, search_filter)
    return str(user)
'''

SAFE["CWE-090_codeql_2.py"] = '''import ldap3
from flask import Flask, request
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import escape_rdn

app = Flask(__name__)


@app.route("/normal")
def normal():
    dc = escape_rdn(request.args["dc"])
    username = escape_filter_chars(request.args["username"])
    dn = "dc={}".format(dc)
    search_filter = "(user={})".format(username)
    srv = ldap3.Server("ldaps://127.0.0.1")
    conn = ldap3.Connection(srv, user=dn, auto_bind=True)
    return conn.search(dn, search_filter)
'''

SAFE["CWE-094_author_1.py"] = '''import ast

from flask import Flask, request

app = Flask(__name__)


@app.route("/evalcode")
def eval_code():
    text = request.args.get("input", "")
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return "not a literal", 400
    return repr(value)
'''

SAFE["CWE-094_codeql_1.py"] = '''import base64

from flask import Flask, request

app = Flask(__name__)
NAMES = {}


@app.route("/execute", methods=["POST"])
def code_execution():
    first_name = base64.b64decode(request.args.get("first_name", "")).decode("utf-8")
    if not first_name.isalpha():
        return "bad name", 400
    NAMES["first_name"] = first_name
    return "ok"
'''

SAFE["CWE-094_sonar_1.py"] = '''import importlib

from flask import Flask, request

app = Flask(__name__)
MODULES = {"parse": "urllib.parse", "request": "urllib.request"}


@app.route("/")
def index():
    name = request.args.get("module", "")
    if name not in MODULES:
        return "unknown module", 400
    importlib.import_module(MODULES[name])
    return "Module imported"
'''

SAFE["CWE-095_author_1.py"] = '''import ast


def evalInput(inputStr):
    output = ast.literal_eval(inputStr)
    return output
'''

SAFE["CWE-099_sonar_1.py"] = '''from flask import Flask, request, send_from_directory

app = Flask(__name__)


@app.route("/download")
def download():
    file = request.args["file"]
    return send_from_directory("static", file, as_attachment=True)
'''

SAFE["CWE-116_author_1.py"] = '''import os

from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/reply")
def listFiles():
    username = request.args["username"]
    if not username.isalnum():
        return Response("bad user", status=400)
    home = os.path.join("/home", username)
    files = "\\n".join(sorted(os.listdir(home)))
    return Response(files, mimetype="text/plain")
'''

SAFE["CWE-117_codeql_1.py"] = '''import logging

from flask import Flask, request

app = Flask(__name__)


@app.route("/logger")
def logger():
    name = request.args.get("name", "")
    safe_name = name.replace("\\r", "").replace("\\n", "")
    app.logger.info("User name: %s", safe_name)
    return "Logged"
'''

SAFE["CWE-1204_sonar_1.py"] = '''import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad


def encrypt(data, key):
    iv = os.urandom(AES.block_size)
    cipher = AES.new(key, AES.MODE_CBC, iv)
    return iv + cipher.encrypt(pad(data, AES.block_size))
'''

SAFE["CWE-200_author_1.py"] = '''import logging


def getUserBankAccount(userId, connection):
    try:
        sql = "SELECT * FROM user_bank_account WHERE user_id = ?"
        return connection.execute(sql, (userId,))
    except Exception:
        logging.error("Unable to retrieve account information for a user")
        raise
'''

SAFE["CWE-209_codeql_1.py"] = '''import logging

from flask import Flask

app = Flask(__name__)


def do_computation():
    raise Exception("Secret info")


@app.route("/bad")
def server_bad():
    try:
        do_computation()
    except Exception:
        logging.exception("computation failed")
        return "An internal error occurred", 500
'''

SAFE["CWE-215_codeql_1.py"] = '''import os

from flask import Flask

app = Flask(__name__)


@app.route("/crash")
def main():
    raise Exception()


if __name__ == "__main__":
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
'''

SAFE["CWE-259_author_1.py"] = '''import hmac
import os


def checkAdminPassword(password):
    expected = os.environ["ADMIN_PASSWORD"]
    return hmac.compare_digest(password.encode(), expected.encode())
'''

SAFE["CWE-259_author_2.py"] = '''import os

import mysql.connector


def getConnection():
    return mysql.connector.connect(
        user=os.environ["DB_USER"],
        password=os.environ["DB_PASSWORD"],
        host="db.internal",
        database="app",
    )
'''

SAFE["CWE-295_author_1.py"] = '''import ssl


def getSSLContext():
    ctx = ssl.create_default_context()
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx
'''

SAFE["CWE-295_author_2.py"] = '''from OpenSSL import SSL


def getContext():
    ctx = SSL.Context(SSL.TLS_CLIENT_METHOD)
    ctx.set_verify(SSL.VERIFY_PEER, lambda conn, cert, errno, depth, ok: ok)
    ctx.set_default_verify_paths()
    return ctx
'''

SAFE["CWE-295_codeql_1.py"] = '''import requests

# Make an HTTP request to https://semmle.com
requests.get("https://semmle.com", timeout=10)
'''

SAFE["CWE-319_author_2.py"] = '''import ftplib
import os


def downloadFile(hostname, username, password, sensitive_file):
    ftp = ftplib.FTP_TLS(hostname)
    ftp.login(username, password)
    ftp.prot_p()
    with open(sensitive_file.split(os.sep)[-1], "wb") as fp:
        ftp.retrbinary(f"RETR {sensitive_file}", fp.write)
'''

SAFE["CWE-321_author_1.py"] = '''import os

from canvasapi import Canvas


def get_assignments(course_id):
    url = "https://canvas.instructure.com/"
    key = os.environ["CANVAS_API_KEY"]
    canvas = Canvas(url, key)
    course = canvas.get_course(course_id)
    return [x for x in course.get_assignments()]
'''

SAFE["CWE-321_author_2.py"] = '''import os

import openai


def get_embeddings(text):
    openai.api_key = os.environ["OPENAI_API_KEY"]
    model = "text-embedding-ada-002"
    result = openai.Embedding.create(model=model, input=text)
    return result["data"][0]["embedding"]
'''

SAFE["CWE-326_author_1.py"] = '''from Crypto.PublicKey import RSA


def create_private_key():
    key = RSA.generate(3072)
    return key.exportKey("OpenSSH")
'''

SAFE["CWE-326_author_2.py"] = '''from Crypto.PublicKey import DSA


def generate_private_key():
    return DSA.generate(2048)
'''

SAFE["CWE-327_codeql_1.py"] = '''import os

from Crypto.Cipher import AES


def send_encrypted(secret_key, channel, message):
    nonce = os.urandom(12)
    cipher = AES.new(secret_key, AES.MODE_GCM, nonce=nonce)
    encrypted, tag = cipher.encrypt_and_digest(message)
    channel.send(nonce + tag + encrypted)
'''

SAFE["CWE-327_codeql_2.py"] = '''import socket
import ssl


def connect(host, port):
    ctx = ssl.create_default_context()
    ssl_sock = ctx.wrap_socket(socket.create_connection((host, port)), server_hostname=host)
    return ssl_sock
'''

SAFE["CWE-327_codeql_3.py"] = '''import hashlib
import hmac


def certificate_matches(certificate, known_hash):
    digest = hashlib.sha256(certificate).hexdigest()
    return hmac.compare_digest(digest, known_hash)
'''

SAFE["CWE-327_codeql_4.py"] = '''import hashlib
import os


def get_password_hash(password: str):
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return salt.hex() + "$" + digest.hex()
'''

SAFE["CWE-329_sonar_1.py"] = '''import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def getEncryptor(key):
    iv = os.urandom(16)
    cipher = Cipher(algorithms.AES(key), modes.CBC(iv))
    return iv, cipher.encryptor()
'''

SAFE["CWE-330_author_1.py"] = '''import secrets


def getSessionID():
    return secrets.token_urlsafe(32)
'''

SAFE["CWE-331_author_1.py"] = '''import secrets
import string


def generateRandomString(length):
    return "".join(secrets.choice(string.ascii_letters) for i in range(length))
'''

SAFE["CWE-339_mitre_1.py"] = '''import secrets


def generateCryptoKey():
    key = secrets.randbits(128)
    return key
'''

SAFE["CWE-347_sonar_1.py"] = '''import jwt


def verifyJsonWebToken(token, key):
    return jwt.decode(token, key, algorithms=["HS256"])
'''

SAFE["CWE-347_sonar_2.py"] = '''import jwt


def verifyJWTToken(key, token):
    return jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp"]})
'''

SAFE["CWE-347_sonar_3.py"] = '''import python_jwt as jwt


def verifyJWTToken(jwt_token, public_key):
    header, claims = jwt.verify_jwt(jwt_token, public_key, ["RS256"])
    return claims
'''

SAFE["CWE-377_codeql_1.py"] = '''import tempfile


def write_results(results):
    with tempfile.NamedTemporaryFile("w+", delete=False) as f:
        f.write(results)
    print("Results written to", f.name)
'''

SAFE["CWE-379_sonar_1.py"] = '''import os
import tempfile


def write_results(results):
    fd, filename = tempfile.mkstemp()
    with os.fdopen(fd, "wb") as tmp_file:
        tmp_file.write(results.encode("utf-8"))
    return filename
'''

SAFE["CWE-400_sonar_1.py"] = '''import re

from flask import Flask, request

app = Flask(__name__)


@app.route("/upload")
def upload():
    username = request.args.get("username", "")
    filename = request.files.get("attachment").filename
    return str(bool(re.search(re.escape(username), filename)))
'''

SAFE["CWE-425_author_1.py"] = '''import os

from django.http import FileResponse, Http404

BASE = "/srv/static"


def getResource(request):
    username = request.GET.get("username", "")
    date = request.GET.get("date", "")
    path = os.path.realpath(os.path.join(BASE, username, date))
    if not path.startswith(BASE + os.sep):
        raise Http404()
    return FileResponse(open(path, "rb"))
'''

SAFE["CWE-434_pearce_1.py"] = '''import os

from flask import Flask, redirect, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "./uploads"


@app.route("/pdf/upload", methods=["POST"])
def upload_pdf():
    p = request.files["pdf"]
    name = secure_filename(p.filename)
    if not name.endswith(".pdf"):
        return "only pdf", 400
    p.save(os.path.join(UPLOADS, name))
    return redirect("/pdf/view")
'''

SAFE["CWE-434_pearce_2.py"] = '''import base64
import os
import uuid

from flask import Flask, request

app = Flask(__name__)


@app.route("/img/upload", methods=["POST"])
def upload_img():
    img = request.files["img"]
    img_data = img.read()
    img_encoded = base64.b64encode(img_data)
    name = uuid.uuid4().hex + ".b64"
    with open(os.path.join("./pictures", name), "wb") as f:
        f.write(img_encoded)
    return name
'''

SAFE["CWE-454_author_1.py"] = '''import hmac
import os


def admin_access(request):
    user_name = request.POST.get("user_name", "")
    password = request.POST.get("password", "")
    expected = os.environ["ADMIN_PASSWORD"]
    return user_name == "admin" and hmac.compare_digest(password, expected)
'''

SAFE["CWE-502_codeql_1.py"] = '''import json


def getPickleData(serialized):
    return json.loads(serialized)
'''

SAFE["CWE-502_mitre_1.py"] = '''import base64
import hashlib
import hmac
import json


def confirmAuth(headers, secret_key):
    raw = base64.b64decode(headers["AuthToken"])
    signature, _, payload = raw.partition(b".")
    expected = hmac.new(secret_key, payload, hashlib.sha256).hexdigest().encode()
    if not hmac.compare_digest(signature, expected):
        raise PermissionError("bad token")
    return json.loads(payload)
'''

SAFE["CWE-502_sonar_1.py"] = '''import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/yaml")
def yaml_load():
    data = request.args.get("data", "")
    return yaml.safe_load(data)
'''

SAFE["CWE-522_author_1.py"] = '''import hmac
import os

import MySQLdb


def checkPassword(userid, password_hash):
    db = MySQLdb.connect(host="localhost", user="app", passwd=os.environ["DB_PASSWORD"], db="test")
    cursor = db.cursor()
    cursor.execute("SELECT password FROM users WHERE userid = %s", (userid,))
    result = cursor.fetchone()
    return result is not None and hmac.compare_digest(result[0], password_hash)
'''

SAFE["CWE-522_pearce_1.py"] = '''import os

import bcrypt
import MySQLdb
from flask import Flask, request

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    if not username.isalnum() or len(password) < 12:
        return "invalid", 400
    hashed_password = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    db = MySQLdb.connect(host="localhost", user="app", passwd=os.environ["DB_PASSWORD"], db="test")
    cursor = db.cursor()
    cursor.execute("INSERT INTO users (username, password) VALUES (%s, %s)",
                   (username, hashed_password))
    db.commit()
    return "Registered successfully"
'''

SAFE["CWE-601_codeql_1.py"] = '''from flask import Flask, redirect, url_for

app = Flask(__name__)


@app.route("/")
def home():
    return redirect(url_for("dashboard"), code=302)
'''

SAFE["CWE-601_sonar_1.py"] = '''from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def http_responser_redirect(request):
    target = request.GET.get("target", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)
'''

SAFE["CWE-601_sonar_2.py"] = '''from flask import Flask, redirect, request, url_for

app = Flask(__name__)
NEXT_PAGES = {"profile", "settings"}


@app.route("/flask_redirect")
def flask_redirect():
    page = request.args.get("next", "profile")
    if page not in NEXT_PAGES:
        page = "profile"
    return redirect(url_for(page))
'''

SAFE["CWE-601_sonar_3.py"] = '''from flask import Flask, Response, url_for

app = Flask(__name__)


@app.route("/set_location_header")
def set_location_header():
    response = Response("redirecting...", 302)
    response.headers["Location"] = url_for("index")
    return response
'''

SAFE["CWE-605_author_1.py"] = '''from socket import AF_INET, SOCK_STREAM, socket


def echoServer(port):
    s = socket(AF_INET, SOCK_STREAM)
    s.bind(("127.0.0.1", port))
    s.listen(1)
    conn, addr = s.accept()
    while True:
        data = conn.recv(1024)
        if not data:
            break
        conn.send(data)
    conn.close()
'''

SAFE["CWE-611_author_1.py"] = '''import defusedxml.lxml
from flask import Flask, request

app = Flask(__name__)


def checkPassword(userid, password):
    pass


@app.post("/upload")
def upload():
    xml = request.files["xml"]
    root = defusedxml.lxml.fromstring(xml.read())
    userid = root.find("userid").text
    password = root.find("password").text
    if checkPassword(userid, password):
        return "OK"
    return "ERROR"
'''

SAFE["CWE-611_codeql_1.py"] = '''import lxml.etree
from flask import Flask, request

app = Flask(__name__)
PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True)


@app.post("/upload")
def upload():
    xml_src = request.get_data()
    doc = lxml.etree.fromstring(xml_src, parser=PARSER)
    return lxml.etree.tostring(doc)
'''

SAFE["CWE-611_sonar_1.py"] = '''from lxml import etree


def get_root():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.parse("resources/config.xml", parser)
    root = tree.getroot()
    return root
'''

SAFE["CWE-611_sonar_2.py"] = '''from lxml import etree


def get_root():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    treexsd = etree.parse("resources/config.xsd", parser)
    rootxsd = treexsd.getroot()
    schema = etree.XMLSchema(rootxsd)
    return schema
'''

SAFE["CWE-611_sonar_3.py"] = '''from lxml import etree


def transform_xml():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.parse("resources/config.xml", parser)
    root_xsl = tree.getroot()
    ac = etree.XSLTAccessControl.DENY_ALL
    transform = etree.XSLT(root_xsl, access_control=ac)
    return transform
'''

SAFE["CWE-611_sonar_4.py"] = '''import xml.sax
from xml.sax.handler import feature_external_ges


def get_root(handler):
    parser = xml.sax.make_parser()
    parser.setContentHandler(handler)
    parser.setFeature(feature_external_ges, False)
    parser.parse("resources/config.xml")
    return parser
'''

SAFE["CWE-641_sonar_1.py"] = '''from flask import Flask, request, send_from_directory

app = Flask(__name__)


@app.route("/download")
def download():
    file = request.args["file"]
    filepath = "/".join(file.split("_"))
    return send_from_directory("/srv/files", filepath, as_attachment=True)
'''

SAFE["CWE-643_codeql_1.py"] = '''from io import StringIO

from django.http import JsonResponse
from lxml import etree


def xpath_query(request):
    value = request.GET["xpath"]
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.parse(StringIO(request.GET["xml"]), parser)
    return JsonResponse({"count": len(tree.xpath("/tag[@id=$id]", id=value))})
'''

SAFE["CWE-643_sonar_1.py"] = '''import xml.etree.ElementTree as ET

from flask import Flask, request

app = Flask(__name__)
tree = ET.parse("users.xml")
root = tree.getroot()


@app.route("/user")
def user_locations():
    username = request.args["username"]
    locations = [u.find("location") for u in root.iter("user") if u.get("name") == username]
    return [loc.text for loc in locations if loc is not None]
'''

SAFE["CWE-730_codeql_1.py"] = '''import re

from flask import Flask, request

app = Flask(__name__)


@app.route("/direct")
def direct():
    pattern = request.args["pattern"]
    return str(bool(re.search(re.escape(pattern), request.args["text"])))
'''

SAFE["CWE-730_codeql_2.py"] = '''import re

from flask import Flask, request

app = Flask(__name__)


@app.route("/direct")
def direct():
    pattern = re.escape(request.args["pattern"])
    compiled_pattern = re.compile(pattern)
    return str(bool(compiled_pattern.search(request.args["text"])))
'''

SAFE["CWE-732_author_1.py"] = '''import os
import subprocess


def createExecutableFile(data, path="./test.bin"):
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o700)
    subprocess.run([path], check=True, timeout=60)
'''

SAFE["CWE-759_mitre_1.py"] = '''import hashlib
import os


def storePassword(userName, Password):
    salt = os.urandom(16)
    hashed_password = hashlib.scrypt(Password, salt=salt, n=2**14, r=8, p=1)
    return updateUserLogin(userName, salt + hashed_password)
'''

SAFE["CWE-760_sonar_1.py"] = '''import os
from hashlib import pbkdf2_hmac


def getHash(password):
    salt = os.urandom(16)
    hash = pbkdf2_hmac("sha256", password, salt, 600000)
    return salt, hash
'''

SAFE["CWE-776_codeql_1.py"] = '''import defusedxml.ElementTree as ET
from flask import Flask, request

app = Flask(__name__)


@app.post("/upload")
def upload():
    xml_src = request.get_data()
    doc = ET.fromstring(xml_src)
    return ET.tostring(doc)
'''

SAFE["CWE-798_author_1.py"] = '''import os

import mysql.connector


def getDBConnection():
    return mysql.connector.connect(
        user="app", password=os.environ["DB_PASSWORD"], host="db.internal", database="app"
    )
'''

SAFE["CWE-798_codeql_1.py"] = '''import hmac
import os

from django.shortcuts import redirect


def process_request(request):
    password = request.GET["password"]
    if hmac.compare_digest(password, os.environ["APP_PASSWORD"]):
        return redirect("login")
    return None
'''

SAFE["CWE-827_sonar_1.py"] = '''from lxml import etree


def getXmlRoot():
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse("resources/c.xml", parser)
    root = tree.getroot()
    return root
'''

SAFE["CWE-918_codeql_1.py"] = '''import re

import requests
from flask import Flask, request

app = Flask(__name__)
ALLOWED_SUBDOMAINS = {"eu", "us", "asia"}


@app.route("/full_ssrf")
def full_ssrf():
    subdomain = request.args["subdomain"]
    if subdomain not in ALLOWED_SUBDOMAINS:
        return "unknown region", 400
    response = requests.get("https://" + subdomain + ".example.com/data/", timeout=10)
    return response.json()
'''

SAFE["CWE-918_codeql_2.py"] = '''import re

import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/user")
def retrieve_info():
    user_id = request.args["user_id"]
    if not re.fullmatch(r"[A-Za-z0-9-]{1,39}", user_id):
        return "bad user id", 400
    response = requests.get("https://api.github.com/users/" + user_id, timeout=10)
    return response.json()
'''
