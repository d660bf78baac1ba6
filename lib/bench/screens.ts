/** A browser window a page is measured in: Playwright's context options for it. */
export interface Screen {
  viewport: { width: number; height: number };
  deviceScaleFactor?: number;
  isMobile?: boolean;
  hasTouch?: boolean;
}

/** The desktop window every measure uses unless it says otherwise, and the e2e suite's desktop projects (playwright.config.ts). */
export const WIDE_SCREEN: Screen = { viewport: { width: 1280, height: 800 } };

/** A phone, the e2e suite's phone project's too (playwright.config.ts): our page folds its filters there. */
export const PHONE_SCREEN: Screen = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
