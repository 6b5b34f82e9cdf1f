// The "We're preparing your file" page: check progress every few seconds and update the bar in place
// (the status line is a polite live region, so screen readers hear it without losing their place).
// When the job has finished, show the finished page (or go where the job leads, e.g. the import).
// Without JavaScript the page refreshes itself through a <noscript> meta refresh instead.
const region = document.querySelector("[data-job-running]");
if (region) {
  const every = Number(region.dataset.refreshSeconds || 2) * 1000;
  const check = async () => {
    let response;
    try {
      response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    } catch {
      window.setTimeout(check, every * 2);
      return;
    }
    if (response.redirected) {
      window.location.assign(response.url);
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const next = page.querySelector("[data-job-running]");
    if (next) {
      for (const selector of ["#job-progress-label", "#job-status"]) {
        const fresh = page.querySelector(selector);
        if (fresh) document.querySelector(selector).textContent = fresh.textContent;
      }
      const bar = document.querySelector("#job-progress");
      const freshBar = page.querySelector("#job-progress");
      bar.max = freshBar.max;
      bar.value = freshBar.value;
      bar.textContent = freshBar.textContent;
      window.setTimeout(check, every);
      return;
    }
    const main = document.querySelector("#main-content");
    main.replaceChildren(...page.querySelector("#main-content").childNodes);
    document.title = page.title;
    const heading = main.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  };
  window.setTimeout(check, every);
}
