"""Assemble dist/: the static studio with Pyodide, its wheels and sample photos.

Every download is pinned in tools/pins.json by version and hash and kept in a
cache folder, so a second build reads only the cache and takes seconds. The
finished site makes no request outside its own origin.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import logging
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINS = json.loads((ROOT / "tools" / "pins.json").read_text())

BUILD_PLACEHOLDER = "__SHOPBOX_BUILD__"

log = logging.getLogger("build")


def sha_hex(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified(path: Path, algorithm: str, expected: str) -> bool:
    return path.is_file() and sha_hex(path, algorithm) == expected


def run(command: list[str], cwd: Path | None = None) -> None:
    log.debug("run %s", " ".join(command))
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch_pyodide(cache: Path) -> Path:
    pin = PINS["pyodide"]
    tarball = cache / pin["tarball"]
    if not verified(tarball, "sha512", pin["sha512"]):
        log.info("downloading %s from the npm registry", pin["package"])
        run(["npm", "pack", pin["package"], "--pack-destination", str(cache)])
        if not verified(tarball, "sha512", pin["sha512"]):
            raise SystemExit(f"{tarball} does not match the sha512 in tools/pins.json")
    return tarball


def pip_download(requirement: str, dest: Path, platform_args: list[str]) -> None:
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(dest),
            *platform_args,
            requirement,
        ]
    )


def fetch_wheels(cache: Path) -> list[Path]:
    target = PINS["wheel_platform"]
    platform_args = [
        "--platform", target["platform"],
        "--python-version", target["python_version"],
        "--implementation", "cp",
        "--abi", target["abi"],
    ]  # fmt: skip
    wheels = []
    for pin in PINS["wheels"]:
        path = cache / pin["file"]
        if not verified(path, "sha256", pin["sha256"]):
            log.info("downloading %s from PyPI", pin["requirement"])
            pip_download(pin["requirement"], cache, platform_args)
            if not verified(path, "sha256", pin["sha256"]):
                raise SystemExit(f"{path} does not match the sha256 in tools/pins.json")
        wheels.append(path)
    return wheels


def fetch_samples(cache: Path) -> Path:
    pin = PINS["samples"]
    path = cache / pin["file"]
    if not verified(path, "sha256", pin["sha256"]):
        log.info("downloading sample photos from %s on PyPI", pin["requirement"])
        platform_args = [
            "--platform", pin["pip_platform"],
            "--python-version", pin["pip_python_version"],
            "--implementation", "cp",
        ]  # fmt: skip
        pip_download(pin["requirement"], cache, platform_args)
        if not verified(path, "sha256", pin["sha256"]):
            raise SystemExit(f"{path} does not match the sha256 in tools/pins.json")
    return path


def build_shopbox_wheel(dest: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                tmp,
                str(ROOT),
            ]
        )
        (built,) = Path(tmp).glob("shopbox-*.whl")
        target = dest / built.name
        shutil.copy2(built, target)
    # setuptools leaves a build folder and egg-info beside the sources.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    for leftover in (ROOT / "py").glob("*.egg-info"):
        shutil.rmtree(leftover, ignore_errors=True)
    return target


def write_lock(pyodide_dir: Path, npm_lock: dict, wheels: list[Path]) -> None:
    """Write a pyodide-lock.json that names only the wheels shipped beside it."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    info = npm_lock["info"]
    # NOTE: pyodide-lock 0.1.2 checks a wheel's platform tag against
    # info.platform ("emscripten_5_0_3"), but the wheels on PyPI use the newer
    # "pyemscripten_2026_0" tag, which Pyodide 314 loads. It also requires an
    # info.version that Pyodide 314's lock file no longer has. The spec is built
    # with both adjusted, and the npm lock file's info is written unchanged.
    platform = PINS["wheel_platform"]["platform"].removesuffix("_wasm32")
    version = PINS["pyodide"]["package"].split("@")[1]
    wheel_info = dict(info, platform=platform, version=version)
    spec = PyodideLockSpec(info=wheel_info, packages={})
    spec = add_wheels_to_spec(spec, wheels, base_path=pyodide_dir)
    data = json.loads(spec.model_dump_json(exclude_none=True))
    data["info"] = info
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(data, indent=1) + "\n")


def copy_tree(source: Path, dest: Path) -> None:
    shutil.copytree(source, dest, dirs_exist_ok=True)


def build(dist: Path, cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    tarball = fetch_pyodide(cache)
    wheels = fetch_wheels(cache)
    samples_wheel = fetch_samples(cache)

    staging = dist.with_name(dist.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    pyodide_dir = staging / "pyodide"
    pyodide_dir.mkdir(parents=True)

    with tarfile.open(tarball) as archive:
        for name in PINS["pyodide"]["files"]:
            member = archive.getmember(f"package/{name}")
            with (
                archive.extractfile(member) as src,
                (pyodide_dir / name).open("wb") as out,
            ):
                shutil.copyfileobj(src, out)
        with archive.extractfile("package/pyodide-lock.json") as src:
            npm_lock = json.load(src)

    shipped = [shutil.copy2(w, pyodide_dir / w.name) for w in wheels]
    shipped.append(build_shopbox_wheel(pyodide_dir))
    write_lock(pyodide_dir, npm_lock, [Path(p) for p in shipped])

    samples_dir = staging / "samples"
    samples_dir.mkdir()
    with zipfile.ZipFile(samples_wheel) as archive:
        for member, name in PINS["samples"]["images"].items():
            (samples_dir / name).write_bytes(archive.read(member))
    (samples_dir / "samples.json").write_text(
        json.dumps(list(PINS["samples"]["images"].values())) + "\n"
    )

    shutil.copy2(ROOT / "index.html", staging / "index.html")
    copy_tree(ROOT / "static", staging / "static")
    shutil.copy2(ROOT / "py" / "shopbox" / "data" / "taxonomy.json", staging / "static")
    service_worker = ROOT / "static" / "sw.js"
    if service_worker.exists():
        # A service worker controls only the paths below its own URL.
        shutil.move(staging / "static" / "sw.js", staging / "sw.js")
    write_manifest(staging)

    shutil.rmtree(dist, ignore_errors=True)
    staging.rename(dist)
    log.info("built %s", dist)


def write_manifest(site: Path) -> None:
    """List every file with its hash; the build id changes when any file does."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).digest()
            files[path.relative_to(site).as_posix()] = base64.b64encode(digest).decode()
    build_id = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[
        :16
    ]
    manifest = {"build": build_id, "files": sorted(files)}
    (site / "build.json").write_text(json.dumps(manifest, indent=1) + "\n")
    service_worker = site / "sw.js"
    if service_worker.exists():
        # A new build id changes the worker's bytes, which is how the browser
        # notices a new deployment and installs the new worker.
        text = service_worker.read_text("utf-8")
        service_worker.write_text(text.replace(BUILD_PLACEHOLDER, build_id), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument(
        "--cache", type=Path, required=True, help="download cache folder"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="build: %(message)s",
    )
    build(args.dist.resolve(), args.cache.resolve())


if __name__ == "__main__":
    main()
