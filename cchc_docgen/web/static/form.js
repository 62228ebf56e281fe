// The form, drawn from the widget description the server makes of the JSON Schema
// (/api/form). Each widget is {el, get(path), set(value)}: get returns the value in the
// specification's own shape (undefined when empty) and writes data-path on its inputs, the
// same path the checks name ("nhiem_vu[2].thoi_han"), so a message can be shown at its field.
// Text goes in and out through .value and textContent only, never as HTML.
"use strict";

const Form = (() => {
  let description = null;
  const refSelects = new Set();  // selects offering agencies / areas, refreshed as codes change
  let onChange = () => {};
  const FOLD_AFTER = 4;  // -- a list opened with more items than this shows each as its one line --

  function node(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") el.textContent = v; else if (k === "class") el.className = v; else el.setAttribute(k, v);
    }
    for (const child of children) if (child) el.append(child);
    return el;
  }

  function changed() { onChange(); }

  function textWidget(w) {
    if (w.ref) return refWidget(w);
    const el = w.long ? node("textarea", { rows: "2" }) : node("input", { type: "text" });
    el.addEventListener("input", changed);
    return {
      el,
      get(path) { el.dataset.path = path; const v = el.value.trim(); return v === "" ? undefined : el.value.replace(/\s+$/u, ""); },
      set(v) { el.value = v === undefined || v === null ? "" : String(v); },
    };
  }

  function refWidget(w) {
    const el = node("select");
    el.dataset.ref = w.ref;
    refSelects.add(el);
    el.addEventListener("change", changed);
    fillRef(el, "");
    return {
      el,
      get(path) { el.dataset.path = path; return el.value === "" ? undefined : el.value; },
      set(v) { fillRef(el, v === undefined || v === null ? "" : String(v)); },
    };
  }

  function refOptions(kind) {
    const values = Form.current ? Form.current() : {};
    const out = [];
    if (kind === "co_quan") {
      for (const [code, value] of Object.entries(values.co_quan || {})) {
        const name = typeof value === "string" ? value : (value && value.ten) || "";
        out.push([code, name ? `${code} — ${name}` : code]);
      }
    } else {
      const areas = { ...description.areas, ...(values.linh_vuc || {}) };
      for (const [code, name] of Object.entries(areas)) out.push([code, `${code} — ${name}`]);
    }
    return out;
  }

  function fillRef(el, wanted) {
    const keep = wanted === undefined ? el.value : wanted;
    el.replaceChildren(node("option", { value: "", text: "— chọn —" }));
    let found = keep === "";
    for (const [value, label] of refOptions(el.dataset.ref)) {
      el.append(node("option", { value, text: label }));
      if (value === keep) found = true;
    }
    if (!found) el.append(node("option", { value: keep, text: `${keep} (chưa khai báo)` }));
    el.value = keep;
  }

  function refreshRefs() {
    for (const el of refSelects) {
      if (!el.isConnected) { refSelects.delete(el); continue; }
      fillRef(el, undefined);
    }
  }

  function numberWidget(w) {
    const el = node("input", { type: "text", inputmode: "decimal", class: "short" });
    el.addEventListener("input", changed);
    return {
      el,
      get(path) {
        el.dataset.path = path;
        const v = el.value.trim();
        if (v === "") return undefined;
        const pattern = w.kind === "integer" ? /^\d+$/u : /^-?\d+(\.\d+)?$/u;
        return pattern.test(v) ? Number(v) : v;  // -- not a number: sent as typed, the checks word the problem --
      },
      set(v) { el.value = v === undefined || v === null ? "" : String(v); },
    };
  }

  function selectWidget(options, labels) {
    const el = node("select");
    el.append(node("option", { value: "", text: "—" }));
    options.forEach((o, i) => el.append(node("option", { value: String(i), text: labels ? labels[i] : String(o) })));
    el.addEventListener("change", changed);
    return {
      el,
      get(path) { el.dataset.path = path; return el.value === "" ? undefined : options[Number(el.value)]; },
      set(v) {
        const i = options.findIndex((o) => o === v || (typeof v === "string" && String(o) === v));
        el.value = i < 0 ? "" : String(i);
      },
    };
  }

  function boolWidget() {
    const inner = selectWidget([true, false], ["có", "không"]);
    const set = inner.set;
    inner.set = (v) => set(v === "co" || v === "có" ? true : v === "khong" || v === "không" ? false : v);
    return inner;
  }

  function field(f, widget) {
    const wrap = node("div", { class: "field" + (f.required ? " required" : "") });
    const id = "f" + Math.random().toString(36).slice(2);
    widget.el.id = id;
    wrap.append(node("label", { for: id, text: f.label }));
    wrap.append(node("div", { class: "help", text: `${f.key}: ${f.help}` }));
    wrap.append(widget.el);
    wrap.dataset.key = f.key;
    return wrap;
  }

  function objectWidget(w, open) {
    const fields = description.objects[w.name];
    const el = node("div", { class: "object" });
    const children = [];
    let more = null;  // -- the fields a drafter seldom fills, folded under one title --
    for (const f of fields) {
      const child = make(f, false);
      children.push([f.key, child]);
      const box = field(f, child);
      let part = box;
      if (child.compound) {
        const details = node("details", {}, node("summary", { text: f.label }));
        if ((open && !f.more) || f.required) details.open = true;
        details.append(box);
        box.querySelector("label").hidden = true;
        part = node("fieldset", {}, details);
      }
      if (f.more) {
        if (!more) more = node("details", { class: "more" }, node("summary", { text: "Các mục khác (ít dùng)" }));
        more.append(part);
      } else {
        el.append(part);
      }
    }
    if (more) el.append(more);  // -- after the fields a drafter fills, whatever the model's order --
    return {
      el, compound: true,
      get(path) {
        el.dataset.path = path;
        const out = {};
        for (const [key, child] of children) {
          const v = child.get(path ? `${path}.${key}` : key);
          if (v !== undefined) out[key] = v;
        }
        return Object.keys(out).length ? out : undefined;
      },
      set(v) {
        const value = v && typeof v === "object" ? v : {};
        for (const [key, child] of children) child.set(value[key]);
      },
    };
  }

  function listWidget(w) {
    const el = node("div", { class: "list" });
    const items = node("div", { class: "items" });
    const add = node("button", { type: "button", class: "add", text: "+ Thêm" });
    el.append(items, add);
    let entries = [];
    let single = false;  // -- the file wrote one value where a list may stand: saved back as one value --
    function addItem(value) {
      const child = make(w.item, false);
      const tools = node("div", { class: "item-tools" },
        node("button", { type: "button", title: "Lên", text: "↑", class: "up" }),
        node("button", { type: "button", title: "Xuống", text: "↓", class: "down" }),
        node("button", { type: "button", title: "Xóa", text: "✕", class: "remove" }));
      let body = child.el;
      let fold = null;
      if (w.item.kind === "object" || (w.item.kind === "pair" && ["object", "choice"].includes(w.item.item.kind))) {
        // -- an item of several fields folds to one line (its first text), so a list of thirty
        // -- tasks reads as thirty lines; one the drafter adds starts open --
        fold = node("details", { class: "item-fold" }, node("summary", { class: "item-summary" }), child.el);
        fold.open = value === undefined;
        body = fold;
      }
      const row = node("div", { class: "item" }, body, tools);
      const entry = { row, child, fold };
      tools.querySelector(".up").addEventListener("click", () => move(entry, -1));
      tools.querySelector(".down").addEventListener("click", () => move(entry, 1));
      tools.querySelector(".remove").addEventListener("click", () => { entries = entries.filter((e) => e !== entry); row.remove(); summarise(); changed(); });
      entries.push(entry);
      items.append(row);
      if (value !== undefined) child.set(value);
      return entry;
    }
    function summarise() {
      entries.forEach((e, i) => {
        if (!e.fold) return;
        const texts = [...e.fold.querySelectorAll("input[type=text], textarea")].filter((x) => x.value.trim() && !x.closest("[hidden]")).map((x) => x.value.trim());
        const code = e.fold.querySelector(":scope > .pair > input.map-code");  // -- a code table's row: its code, then its name --
        const shown = code && code.value.trim() ? texts.slice(0, 2).join(" — ") : texts[0];
        e.fold.firstChild.textContent = `${i + 1}. ${shown ? shown.slice(0, 110) : "(chưa điền)"}`;
      });
    }
    el.addEventListener("input", summarise);
    function move(entry, step) {
      const i = entries.indexOf(entry), j = i + step;
      if (j < 0 || j >= entries.length) return;
      [entries[i], entries[j]] = [entries[j], entries[i]];
      items.replaceChildren(...entries.map((e) => e.row));
      summarise();
      changed();
    }
    add.addEventListener("click", () => { const e = addItem(); summarise(); const first = e.row.querySelector("input, textarea, select"); if (first) first.focus(); changed(); });
    return {
      el, compound: true,
      get(path) {
        el.dataset.path = path;
        const out = [];
        for (const { child } of entries) {
          let v = child.get(`${path}[${out.length}]`);
          if (v === undefined && w.item.kind === "object") v = {};  // -- an item of defaults (phu_luc: [{}]) is an item --
          if (v !== undefined) out.push(v);
        }
        if (single && out.length === 1 && typeof out[0] !== "object") return out[0];
        return out.length ? out : undefined;
      },
      set(v) {
        single = v !== undefined && v !== null && !Array.isArray(v) && typeof v !== "object";
        entries = []; items.replaceChildren();
        const values = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
        for (const value of values) addItem(value);
        if (values.length <= FOLD_AFTER) entries.forEach((e) => { if (e.fold) e.fold.open = true; });
        summarise();
      },
    };
  }

  function mapWidget(w) {
    // -- a code table ("mã: nội dung") is drawn as a list of pairs --
    const pair = { kind: "pair", item: w.item };
    const list = listWidget({ kind: "list", item: pair });
    const get = list.get;
    list.get = (path) => {
      const pairs = get.call(list, path);  // -- [[code, value]]: paths rewritten below by code --
      if (!pairs) return undefined;
      const out = {};
      for (const [code, value] of pairs) if (code) out[code] = value === undefined ? null : value;
      return Object.keys(out).length ? out : undefined;
    };
    const set = list.set;
    list.set = (v) => set.call(list, v && typeof v === "object" ? Object.entries(v) : []);
    return list;
  }

  function pairWidget(w) {
    const code = node("input", { type: "text", class: "map-code", placeholder: "mã, ví dụ: vp" });
    code.addEventListener("input", () => { changed(); });
    const value = make(w.item, false);
    const el = node("div", { class: "pair" }, node("label", { text: "Mã: " }), code, value.el);
    return {
      el,
      get(path) {
        const c = code.value.trim();
        const base = path.replace(/\[\d+\]$/u, "");
        const own = c ? `${base}.${c}` : path;
        code.dataset.path = own;
        const v = value.get(own);
        return c || v !== undefined ? [c, v] : undefined;
      },
      set(v) { code.value = v ? v[0] : ""; value.set(v ? v[1] : undefined); },
    };
  }

  function choiceWidget(w) {
    // -- "one form or another" (short text or the long form; co or a list): a select picks which --
    const LABELS = { text: "một dòng", object: "chi tiết", list: "danh sách", bool: "có / không" };
    const widgets = w.options.map((o) => make(o, false));
    const pick = node("select", { class: "choice", title: "Dạng" });
    w.options.forEach((o, i) => pick.append(node("option", { value: String(i), text: LABELS[o.kind] || o.kind })));
    const el = node("div", { class: "choice-box" }, pick, ...widgets.map((x) => x.el));
    function show() { widgets.forEach((x, i) => { x.el.hidden = pick.value !== String(i); }); }
    function fits(option, v) {
      if (Array.isArray(v)) return option.kind === "list";
      if (v !== null && typeof v === "object") return option.kind === "object";
      if (typeof v === "boolean" || v === "co" || v === "có" || v === "khong" || v === "không") return option.kind === "bool";
      return option.kind === "text";
    }
    pick.addEventListener("change", () => { show(); changed(); });
    show();
    return {
      el, compound: false,
      get(path) { return widgets[Number(pick.value)].get(path); },
      set(v) {
        const found = v === undefined || v === null ? 0 : w.options.findIndex((o) => fits(o, v));
        const index = found < 0 ? 0 : found;
        pick.value = String(index);
        widgets.forEach((x, i) => x.set(i === index ? v : undefined));
        show();
      },
    };
  }

  function make(w, open) {
    switch (w.kind) {
      case "object": return objectWidget(w, open);
      case "list": return listWidget(w);
      case "map": return mapWidget(w);
      case "pair": return pairWidget(w);
      case "choice": return choiceWidget(w);
      case "enum": return selectWidget(w.options);
      case "bool": return boolWidget();
      case "integer": case "number": return numberWidget(w);
      default: return textWidget(w);
    }
  }

  function build(container, desc, changeHandler) {
    description = desc;
    onChange = () => { refreshRefs(); changeHandler(); };
    const root = make(desc.root, true);
    container.replaceChildren(root.el);
    return root;
  }

  return { build, node, refreshRefs, current: null };
})();
