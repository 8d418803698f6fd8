# Varnish in front of newsarchive: one page for every reader, purged by tag (xkey).
#
# Needs Varnish 7 and the xkey module (Debian: varnish, varnish-modules). Edit the backend and
# the "purgers" list for your deployment, and set VARNISH_PURGE_URLS=http://<this varnish>/ in
# the site's environment. `make varnish` runs this file in front of the development server.
vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Sick (stale pages served from grace, 503 otherwise) only when most probes in a row fail:
    # a busy site answering slowly is not a site that is down.
    .probe = {
        .url = "/robots.txt";
        .timeout = 5s;
        .interval = 5s;
        .window = 10;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge: the application servers. Nobody else.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "Name the tags to purge in the xkey header"));
        }
        # A hard purge: the next reader waits for the fresh page rather than seeing the old one.
        set req.http.n-gone = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }

    # The newsroom, accounts, the personal endpoint, comment forms, search and previews are
    # the reader's own: straight to the site, cookies and all, never cached.
    if (req.url ~ "^/(admin|accounts|comments|search|preview)(/|$)") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Everything else is a public page, the same for everyone: cookies play no part in it,
    # and it has one host name however that is written (lower case, no port, no trailing dot).
    # Forms keep theirs: the site checks a POST's Origin against it.
    unset req.http.Cookie;
    unset req.http.Authorization;
    set req.http.Host = std.tolower(regsub(req.http.Host, ":[0-9]+$", ""));
    set req.http.Host = regsub(req.http.Host, "\.$", "");

    # The cache key: only the query parameters public pages read (the site keeps exactly
    # these, per page; tests/test_varnish.py checks the two lists agree), sorted. Tracking
    # parameters and random query strings all land on the one copy.
    if (req.url ~ "\?") {
        set req.http.X-Query = regsub(req.url, "^[^?]*\?", "&");
        set req.http.X-Query = regsuball(
            req.http.X-Query, "&(?!(?:comments_page|order|page|p)=)[^&]*", "");
        set req.url = regsub(req.url, "\?.*$", "");
        if (req.http.X-Query != "") {
            set req.url = std.querysort(req.url + "?" + regsub(req.http.X-Query, "^&", ""));
        }
        unset req.http.X-Query;
    }

    # Grace: while the site is healthy a stale page is served for at most a few seconds while
    # its fresh copy is fetched; while it is down, for as long as the copy is kept.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_response {
    set beresp.grace = 6h;
    # A failed background refresh keeps the copy we have.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Only what the site marks public is shared: never a page that sets a cookie or is private.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public"
            || beresp.http.Cache-Control ~ "private|no-store|no-cache") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The tags are for caches, not for browsers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
