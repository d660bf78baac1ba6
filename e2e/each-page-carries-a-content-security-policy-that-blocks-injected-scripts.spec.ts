import { expect, searchPage, test, typeQuery } from './fixtures';

/** Runs in the root and the sub-path projects alike, so its URLs are relative to the project's base URL. */
test('each page carries a content security policy that runs its own scripts and blocks injected ones', async ({ page, consoleErrors }) => {
  for (const path of ['./', './article/']) {
    const html = await (await page.request.get(path)).text();
    const policy = html.search(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    expect(policy, `${path} has a policy with its scripts' hashes`).toBeGreaterThan(0);
    expect(policy, `${path}'s policy comes before any script`).toBeLessThan(html.indexOf('<script'));
  }

  // The site works under its policy: search, open an article, load it afresh. The fixture fails the
  // test on any violation along the way.
  await page.goto('./');
  const s = searchPage(page);
  await typeQuery(page, '银行');
  const title = (await s.resultLinks.first().innerText()).trim();
  await s.resultLinks.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // And it blocks what it does not name: an injected inline script, and code built from a string.
  consoleErrors.allow(/Content Security Policy|script-src|unsafe-eval/);
  const blocked = await page.evaluate(
    () =>
      new Promise<{ directive: string; ran: boolean; evaluated: boolean }>((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => {
            let evaluated = true;
            try {
              new Function('return 1')();
            } catch {
              evaluated = false;
            }
            resolve({ directive: e.effectiveDirective, ran: 'bnsInjected' in window, evaluated });
          },
          { once: true },
        );
        const script = document.createElement('script');
        script.textContent = 'window.bnsInjected = true';
        document.body.append(script);
      }),
  );
  expect(blocked).toEqual({ directive: 'script-src-elem', ran: false, evaluated: false });
});
