// The bearer token lives in sessionStorage: per tab, gone when the tab closes, never sent
// by the browser on its own (so no CSRF). Pages never put data into the DOM as HTML.
const KEY = "si.session";

export function currentSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) || "null");
    if (session && session.token && (!session.exp || session.exp * 1000 > Date.now())) return session;
  } catch (_) { /* corrupt entry: treat as signed out */ }
  return null;
}

export function saveSession(token, fallback = {}) {
  const claims = decodeClaims(token);
  const session = { token, userId: claims.sub || fallback.user_id, name: claims.name || fallback.name || claims.sub,
                    role: fallback.role || "", exp: claims.exp };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  location.assign("/sign-in");
}

// Only to show who is signed in; the gateway verifies the signature on every call.
function decodeClaims(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, "=")));
  } catch (_) {
    return {};
  }
}
