import csv
import os
import subprocess
import tempfile

from flask import Flask, request, send_file

app = Flask(__name__)
REPORTS = [{"id": 1, "region": "north", "sales": 1200}, {"id": 2, "region": "south", "sales": 800}]


@app.route("/export")
def export():
    name = request.args.get("name", "report")
    workdir = tempfile.mkdtemp()
    csv_path = os.path.join(workdir, "data.csv")
    with open(csv_path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "region", "sales"])
        writer.writeheader()
        writer.writerows(REPORTS)
    archive = os.path.join(workdir, "export.zip")
    subprocess.run(f"cd {workdir} && zip {archive} data.csv -z <<< '{name}'", shell=True,
                   check=True, executable="/bin/bash")
    return send_file(archive, download_name=f"{name}.zip")
