"""A minimal asyncio HTTP/1.1 client for the serving benchmarks (keep-alive pool, no decoding).

httpx spent more CPU per request than the server it measured (burst: 167 ms per visit against the
server's 74 ms; soak: 6.6 ms per callback request), and on a 2-core machine the client shares the
server's cores, so the benchmark measured itself. This client writes the request, reads the status
line, the headers and the body as sent (compressed bodies stay compressed: it counts bytes, it does
not look inside), and keeps connections open as a browser does.
"""

from __future__ import annotations

import asyncio

FAILURES = (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError)


class LeanClient:
    """At most ``connections`` kept-alive connections to ``base_url`` (``http://host:port``)."""

    def __init__(self, base_url: str, connections: int, timeout_s: float = 120.0) -> None:
        self.host_port = base_url.removeprefix("http://").split("/")[0]
        host, _, port = self.host_port.partition(":")
        self.host, self.port = host, int(port or 80)
        self.timeout_s = timeout_s
        self._idle: list = []
        self._slots = asyncio.Semaphore(connections)

    async def request(
        self, method: str, path: str, body: str | bytes | None = None, headers: dict | None = None
    ) -> tuple[int, int]:
        """Send one request; returns (status, bytes received on the wire). Raises OSError, TimeoutError,
        asyncio.IncompleteReadError or ValueError when the exchange fails."""
        async with self._slots:
            while self._idle:  # a kept-alive connection the server may have closed meanwhile:
                try:  # as a browser does, send again, in the end on a fresh connection
                    return await self._on(self._idle.pop(), method, path, body, headers)
                except (OSError, asyncio.IncompleteReadError):  # closed under us, not a slow answer
                    continue
            connection = await asyncio.open_connection(self.host, self.port)
            return await self._on(connection, method, path, body, headers)

    async def _on(self, connection, method, path, body, headers) -> tuple[int, int]:
        reusable = False
        try:
            status, size, reusable = await asyncio.wait_for(
                self._exchange(*connection, method, path, body, headers or {}), self.timeout_s
            )
            return status, size
        finally:
            if reusable:
                self._idle.append(connection)
            else:
                connection[1].close()

    async def _exchange(self, reader, writer, method, path, body, headers) -> tuple[int, int, bool]:
        payload = body.encode() if isinstance(body, str) else (body or b"")
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host_port}", "Accept-Encoding: br, gzip"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        if method != "GET":
            head.append(f"Content-Length: {len(payload)}")
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
        raw_head = await reader.readuntil(b"\r\n\r\n")
        lines = raw_head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {
            k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
        }
        received = len(raw_head)
        if fields.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size_line = await reader.readuntil(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                received += len(size_line) + size + 2
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        elif "content-length" in fields:
            received += len(await reader.readexactly(int(fields["content-length"])))
        else:  # delimited by closing the connection
            received += len(await reader.read())
            return status, received, False
        return status, received, fields.get("connection", "").lower() != "close"

    def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()
