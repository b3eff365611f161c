// The chat's two forms (docs/widget.md): the rating a visitor may give a conversation once it is closed (CSAT: 1-5
// and a comment, POST /api/v1/conversations/{id}/rating; labelled radio-like buttons, usable from the keyboard), and
// the offline form, where a visitor nobody could answer leaves an email address (POST …/contact), and the tenant's
// pre-chat form (fields that become the visitor's attributes before the first message).
window.ParleyForms = (function () {
  "use strict";
  // t: the chat's texts; send(score, comment) -> Promise<Response>. Returns the form's element.
  function offer(t, send) {
    const form = document.createElement("form");
    form.className = "rating";
    const title = document.createElement("p");
    title.textContent = t("rateTitle");
    title.id = "rating-title-" + Date.now();
    const stars = document.createElement("div");
    stars.setAttribute("role", "radiogroup");
    stars.setAttribute("aria-labelledby", title.id);
    let score = 0;
    for (let s = 1; s <= 5; s++) {
      const star = document.createElement("button");
      star.type = "button";
      star.className = "star";
      star.textContent = "★";
      star.dataset.score = s;
      star.setAttribute("role", "radio");
      star.setAttribute("aria-checked", "false");
      star.setAttribute("aria-label", t("rateStar", { score: s }));
      star.addEventListener("click", () => {
        score = s;
        stars.querySelectorAll(".star").forEach((b) => {
          b.classList.toggle("on", +b.dataset.score <= s);
          b.setAttribute("aria-checked", String(+b.dataset.score === s));
        });
        submit.disabled = false;
      });
      stars.appendChild(star);
    }
    const comment = document.createElement("textarea");
    comment.maxLength = 1000;
    comment.rows = 2;
    comment.placeholder = t("rateComment");
    comment.setAttribute("aria-label", t("rateComment"));
    const submit = document.createElement("button");
    submit.className = "send-rating";
    submit.textContent = t("rateSend");
    submit.disabled = true;
    const result = document.createElement("p");
    result.setAttribute("role", "status");
    form.append(title, stars, comment, submit, result);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!score) return;
      submit.disabled = true;
      try {
        const response = await send(score, comment.value);
        if (response.ok || response.status === 409) done(form, t);
        else { result.textContent = (await response.json().catch(() => ({}))).message || "HTTP " + response.status; submit.disabled = false; }
      } catch (e) { result.textContent = String(e.message || e); submit.disabled = false; }
    });
    return form;
  }
  // Rated (here or on another device): the form gives way to thanks.
  function done(form, t) {
    const thanks = document.createElement("p");
    thanks.className = "notice rated";
    thanks.textContent = t("rateThanks");
    thanks.dataset.key = "rateThanks";
    form.replaceWith(thanks);
  }
  // fields: the tenant's [{name, type, required, label: {en, zh-CN}}]; done(values) when filled in.
  function preChat(t, locale, fields, done) {
    const form = document.createElement("form");
    form.className = "prechat";
    const title = document.createElement("p");
    title.textContent = t("preTitle");
    form.appendChild(title);
    const defaults = { name: "preName", email: "preEmail", phone: "prePhone" };
    const inputs = fields.map((field) => {
      const input = document.createElement("input");
      input.name = field.name;
      input.type = field.type || (field.name === "email" ? "email" : field.name === "phone" ? "tel" : "text");
      input.required = !!field.required;
      input.maxLength = field.name === "name" ? 100 : 1000;
      const label = (field.label && (field.label[locale] || field.label.en)) || (defaults[field.name] ? t(defaults[field.name]) : field.name);
      input.placeholder = label + (field.required ? " *" : "");
      input.setAttribute("aria-label", label);
      form.appendChild(input);
      return input;
    });
    const start = document.createElement("button");
    start.className = "start-chat";
    start.textContent = t("preStart");
    form.appendChild(start);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = {};
      inputs.forEach((input) => { if (input.value.trim()) values[input.name] = input.value.trim(); });
      done(values);
    });
    return form;
  }

  // t: the chat's texts; send(email) -> Promise<Response>; prefill: an address the visitor gave before.
  function contact(t, send, prefill) {
    const form = document.createElement("form");
    form.className = "contact";
    const title = document.createElement("p");
    title.textContent = t("contactTitle");
    const email = document.createElement("input");
    email.type = "email";
    email.required = true;
    email.maxLength = 254;
    email.autocomplete = "email";
    email.placeholder = t("contactEmail");
    if (prefill) email.value = prefill;
    email.setAttribute("aria-label", t("contactEmail"));
    const submit = document.createElement("button");
    submit.className = "send-contact";
    submit.textContent = t("contactSend");
    const result = document.createElement("p");
    result.setAttribute("role", "status");
    form.append(title, email, submit, result);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        const response = await send(email.value.trim());
        if (response.ok) {
          const thanks = document.createElement("p");
          thanks.className = "notice contacted";
          thanks.textContent = t("contactThanks", { email: email.value.trim() });
          thanks.dataset.key = "contactThanks";
          thanks.dataset.vars = JSON.stringify({ email: email.value.trim() });
          form.replaceWith(thanks);
          return;
        }
        result.textContent = (await response.json().catch(() => ({}))).message || "HTTP " + response.status;
      } catch (e) { result.textContent = String(e.message || e); }
      submit.disabled = false;
    });
    return form;
  }

  return { rating: offer, rated: done, contact: contact, preChat: preChat };
})();
