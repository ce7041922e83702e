/* registre cookie banner: plain JavaScript, no framework.
 *
 * Embed:  <script src="https://REGISTRE/banner/banner.js" defer></script>
 * Block:  <script type="text/plain" data-category="audience_measurement" src="tracker.js"></script>
 * Reopen: <a href="#" data-registre-consent>Cookie settings</a>
 *
 * Nothing in a blocked script runs before the person consents to its category. The choice is kept in a cookie
 * (at most 13 months), asked again after the configured months or when the notice or the trackers change, and
 * posted to registre as anonymous proof.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.src.replace(/banner\.js(\?.*)?$/, "");
  var lang = (document.documentElement.lang || "en").slice(0, 2).toLowerCase() === "fr" ? "fr" : "en";
  var config = null;
  var stored = null;
  var root = null;
  var opener = null;

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var at = parts[i].indexOf("=");
      if (parts[i].slice(0, at) === name) {
        try { return JSON.parse(decodeURIComponent(parts[i].slice(at + 1))); } catch (e) { return null; }
      }
    }
    return null;
  }

  function monthsLater(time, months) {
    var d = new Date(time);
    var day = d.getDate();
    d.setDate(1);
    d.setMonth(d.getMonth() + months);
    var last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
    d.setDate(Math.min(day, last));
    return d.getTime();
  }

  function valid(choice) {
    return choice && choice.v === config.version && choice.c &&
      monthsLater(choice.at, config.choice_months) > Date.now();
  }

  function newId() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] + 256).toString(16).slice(1);
    return out;
  }

  function required(category) {
    return config.categories.some(function (cat) { return cat.id === category && cat.required; });
  }

  function granted(category) {
    return required(category) || !!(stored && stored.c[category]);
  }

  function needsConsent() {
    return config.categories.some(function (cat) { return !cat.required; });
  }

  function unblock() {
    var blocked = document.querySelectorAll('script[type="text/plain"][data-category]');
    for (var i = 0; i < blocked.length; i++) {
      var old = blocked[i];
      var needed = old.getAttribute("data-category").split(/\s+/);
      if (!needed.every(granted)) continue;
      var run = document.createElement("script");
      for (var j = 0; j < old.attributes.length; j++) {
        var attr = old.attributes[j];
        if (attr.name !== "type") run.setAttribute(attr.name, attr.value);
      }
      run.setAttribute("data-registre-ran", "");
      if (!old.src) run.text = old.text;
      run.async = false;  // scripts unblocked together still run in their order on the page
      old.parentNode.replaceChild(run, old);
    }
  }

  function save(choices, action) {
    var before = stored;
    var now = Date.now();
    stored = { id: (before && before.id) || newId(), v: config.version, c: {}, at: now };
    config.categories.forEach(function (cat) { stored.c[cat.id] = cat.required ? 1 : (choices[cat.id] ? 1 : 0); });
    var seconds = Math.floor((monthsLater(now, config.choice_months) - now) / 1000);
    document.cookie = config.cookie + "=" + encodeURIComponent(JSON.stringify(stored)) + "; Max-Age=" + seconds +
      "; Path=/; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
    var body = { consent_id: stored.id, choices: {}, notice_version: config.version, lang: lang, action: action,
                 location: location.origin + location.pathname };
    config.categories.forEach(function (cat) { if (!cat.required) body.choices[cat.id] = !!stored.c[cat.id]; });
    var posted = fetch(base + "proof", { method: "POST", body: JSON.stringify(body), keepalive: true,
                                           headers: { "Content-Type": "text/plain" } });
    close();
    var withdrawn = before && Object.keys(before.c).some(function (k) { return before.c[k] && !stored.c[k]; });
    if (withdrawn) {
      // A script that already ran cannot be stopped: load the page again without it.
      posted.then(function () { location.reload(); }, function () { location.reload(); });
    } else {
      unblock();
    }
  }

  function all(value) {
    var out = {};
    config.categories.forEach(function (cat) { out[cat.id] = value; });
    return out;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (text) node.textContent = text;
    return node;
  }

  function button(label, name, onClick) {
    var b = el("button", { type: "button", "class": "rc-btn", "data-action": name }, label);
    b.addEventListener("click", onClick);
    return b;
  }

  function style() {
    // A stylesheet beside the script, not an inline <style>: pages with a strict CSP (style-src 'self') show it.
    if (document.getElementById("rc-style")) return;
    document.head.appendChild(el("link", { id: "rc-style", rel: "stylesheet", href: base + "banner.css" }));
  }

  function open() {
    if (!config) return;
    if (root) close();
    opener = document.activeElement;
    var t = config.texts;
    // A modal dialog that takes the focus itself: no button is chosen for the person (Enter accepts nothing),
    // refusing is as near as accepting, and Escape closes it without recording a choice.
    root = el("div", { id: "rc-banner", role: "dialog", "aria-modal": "true", "aria-labelledby": "rc-title",
                       "aria-describedby": "rc-body", lang: lang, tabindex: "-1" });
    root.appendChild(el("h2", { id: "rc-title" }, t.title));
    root.appendChild(el("p", { id: "rc-body" }, t.body));
    var names = config.categories.map(function (c) { return c.label; }).join(", ");
    root.appendChild(el("p", {}, t.purposes + (lang === "fr" ? " : " : ": ") + names));
    var panel = el("fieldset", { id: "rc-panel", hidden: "" });
    panel.appendChild(el("legend", {}, t.purposes));
    config.categories.forEach(function (cat) {
      var label = el("label", {});
      var box = el("input", { type: "checkbox", name: cat.id });
      if (cat.required) { box.checked = true; box.disabled = true; } else { box.checked = granted(cat.id); }
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + cat.label + (cat.required ? " — " + t.always : "")));
      label.appendChild(el("small", {}, cat.description));
      panel.appendChild(label);
    });
    root.appendChild(panel);
    var row = el("div", { "class": "rc-row" });
    // Refusing first in reading order: from the dialog, one Tab reaches "Reject all", the next "Accept all".
    row.appendChild(button(t.reject, "reject", function () { save(all(false), "reject_all"); }));
    row.appendChild(button(t.accept, "accept", function () { save(all(true), "accept_all"); }));
    var custom = button(t.customise, "customise", function () {
      if (panel.hidden) {
        panel.hidden = false;
        custom.textContent = t.save;
        panel.querySelector("input:not([disabled])") && panel.querySelector("input:not([disabled])").focus();
        return;
      }
      var choices = {};
      panel.querySelectorAll("input").forEach(function (box) { choices[box.name] = box.checked; });
      save(choices, "customise");
    });
    row.appendChild(custom);
    root.appendChild(row);
    if (config.policy_url) {
      var p = el("p", {});
      p.appendChild(el("a", { href: config.policy_url }, t.policy));
      root.appendChild(p);
    }
    root.addEventListener("keydown", trap);
    document.body.appendChild(root);
    root.focus();
  }

  function trap(event) {
    if (event.key === "Escape") { event.preventDefault(); close(); return; }
    if (event.key !== "Tab") return;
    var items = Array.prototype.filter.call(root.querySelectorAll("button,a[href],input:not([disabled])"),
                                            function (n) { return n.offsetParent !== null; });
    var first = items[0], last = items[items.length - 1];
    if (document.activeElement === root) { (event.shiftKey ? last : first).focus(); event.preventDefault(); }
    else if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
    else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
  }

  function close() {
    if (!root) return;
    root.parentNode.removeChild(root);
    root = null;
    if (opener && opener.focus && opener !== document.body) opener.focus();
  }

  function start(loaded) {
    config = loaded;
    style();
    stored = readCookie(config.cookie);
    if (!needsConsent()) unblock();  // only trackers that need no consent: nothing to ask
    else if (valid(stored)) unblock(); else { stored = null; open(); }
    document.addEventListener("click", function (event) {
      var target = event.target.closest && event.target.closest("[data-registre-consent]");
      if (target) { event.preventDefault(); open(); }
    });
  }

  window.registreConsent = { open: open, choices: function () { return stored ? stored.c : null; },
                             id: function () { return stored ? stored.id : null; } };
  fetch(base + "config?lang=" + lang).then(function (r) { return r.json(); }).then(start);
})();
