import { api } from "./api.js";

const FINAL = new Set(["completed", "failed", "deleted"]);

// Waits until the insight is completed or failed. Uses GET /{id}/events (server-sent
// events, read through fetch because EventSource cannot send a bearer token) when the
// gateway has it, else polls GET /{id} every second (also when the stream ends early: a
// service down for long, an expired token). `signal` stops it on navigation.
export async function untilSettled(id, signal, onStatus) {
  try {
    const response = await api("GET", `/${encodeURIComponent(id)}/events`, { raw: true });
    if (response.ok && (response.headers.get("content-type") || "").includes("text/event-stream")) {
      if (await readEvents(response, signal, onStatus)) return;
    }
  } catch (_) { /* no stream: fall back to polling */ }
  while (!signal.aborted) {
    const insight = await api("GET", `/${encodeURIComponent(id)}`);
    onStatus(insight.status);
    if (FINAL.has(insight.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function readEvents(response, signal, onStatus) {
  const reader = response.body.getReader();
  signal.addEventListener("abort", () => reader.cancel());
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done || signal.aborted) return signal.aborted;
    buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n/g, "\n"); // the gateway ends lines with CRLF
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const lines = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const event = (lines.find((l) => l.startsWith("event:")) || "event: status").slice(6).trim();
      const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
      if (!data || event === "unavailable") continue; // a service is restarting: the stream keeps watching
      if (event === "error") { reader.cancel(); return false; } // token no longer accepted: polling says why
      const status = JSON.parse(data).status;
      onStatus(status);
      if (FINAL.has(status)) { reader.cancel(); return true; }
    }
  }
}
