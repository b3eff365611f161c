// The rating a visitor may give a conversation once it is closed (CSAT, docs/widget.md): 1-5 and a comment, sent
// once with POST /api/v1/conversations/{id}/rating. Labelled radio-like buttons, usable from the keyboard.
window.ParleyRating = (function () {
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
    form.replaceWith(thanks);
  }
  return { offer: offer, done: done };
})();
