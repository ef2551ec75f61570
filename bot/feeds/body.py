"""Read a response body under a size cap, decompressing gzip/deflate ourselves so bombs stop early.

aiohttp's automatic decompression is switched off on our session: we count both the bytes on the
wire and the bytes after decompression, and stop the moment either passes the cap, so a 10 KB
gzip bomb that inflates to gigabytes costs at most `max_bytes` of memory.
"""
from __future__ import annotations

import zlib

import aiohttp

CHUNK = 64 * 1024


class BodyTooLarge(Exception):
    """The body (on the wire or decompressed) is bigger than the cap."""


class BadEncoding(Exception):
    """The body claims a Content-Encoding it does not have, or one we do not speak."""


class _Inflater:
    """Incremental decompressor that never produces more than `budget` bytes."""

    def __init__(self, encoding: str, budget: int) -> None:
        self._encoding = encoding
        self._budget = budget
        self._d: zlib._Decompress | None = None

    def _start(self, first: bytes) -> zlib._Decompress:
        if self._encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is zlib-wrapped by the spec but raw deflate in the wild: sniff the header.
        wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        if self._d is None:
            self._d = self._start(data)
        try:
            out = self._d.decompress(data, self._budget + 1)
        except zlib.error as exc:
            raise BadEncoding(f"corrupt {self._encoding} body: {exc}") from None
        if len(out) > self._budget:
            raise BodyTooLarge("decompressed body is over the size cap")
        self._budget -= len(out)
        return out

    def finish(self) -> bytes:
        if self._d is None:
            return b""
        out = self._d.flush()
        if len(out) > self._budget:
            raise BodyTooLarge("decompressed body is over the size cap")
        return out


async def read_capped(resp: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    """The decoded body, or BodyTooLarge as soon as it is known to be over `max_bytes`."""
    encoding = resp.headers.get("Content-Encoding", "identity").strip().lower() or "identity"
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise BadEncoding(f"unsupported Content-Encoding {encoding!r}")
    declared = resp.content_length
    if declared is not None and declared > max_bytes:
        raise BodyTooLarge(f"Content-Length {declared} is over the {max_bytes}-byte cap")
    inflater = None if encoding == "identity" else _Inflater(encoding, max_bytes)
    parts: list[bytes] = []
    wire = 0
    async for chunk in resp.content.iter_chunked(CHUNK):
        wire += len(chunk)
        if wire > max_bytes:
            raise BodyTooLarge(f"body is over the {max_bytes}-byte cap")
        parts.append(inflater.feed(chunk) if inflater else chunk)
    if inflater:
        parts.append(inflater.finish())
    return b"".join(parts)
