from setuptools import setup

extras = {
    "webpush": ["http_ece>=1.0.5", "cryptography>=1.6.0"],
    "blurhash": ["blurhash>=1.1.4"],
    # Streams over a shared WebSocket (stream_open_websocket); see docs/streaming.rst.
    "websocket": ["websockets>=15.0"],
}
extras["docs"] = ["sphinx"]
# requests carries its own type information from 2.33 on, which needs Python 3.10; older
# Pythons get its stubs so that the type-checking test sees the same types.
extras["typecheck"] = ["mypy", "types-requests; python_version < '3.10'"]
extras["test"] = (["pytest", "pytest-timeout"] + extras["typecheck"] + extras["webpush"] + extras["blurhash"]
                  + extras["docs"] + extras["websocket"])

setup(
    name="Mastodon.py",
    version="1.8.0.post1",
    description="Python wrapper for the Mastodon API",
    long_description=open("README.rst", encoding="utf-8").read(),
    long_description_content_type="text/x-rst",
    packages=["mastodon"],
    package_data={"mastodon": ["py.typed"]},
    python_requires=">=3.9",
    install_requires=[
        "requests>=2.4.2",
        "python-dateutil",
        "pytz",
        "decorator>=4.0.0",
        "python-magic",
        "blurhash>=1.1.4",
        "cryptography>=1.6.0",
        "http_ece>=1.0.5",
    ],
    extras_require=extras,
    entry_points={"console_scripts": ["mastodon = mastodon.cli:main"]},
    url="https://example.invalid/mastodon.py",
    license="MIT",
    classifiers=[
        "Development Status :: 5 - Production/Stable",
        "Intended Audience :: Developers",
        "Topic :: Communications",
        "License :: OSI Approved :: MIT License",
        "Programming Language :: Python :: 3",
    ],
)
