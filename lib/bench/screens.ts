/** A browser window a page is measured in: Playwright's context options for it. */
export interface Screen {
  viewport: { width: number; height: number };
  deviceScaleFactor?: number;
  isMobile?: boolean;
  hasTouch?: boolean;
}

/** The desktop window every measure uses unless it says otherwise. */
export const WIDE_SCREEN: Screen = { viewport: { width: 1280, height: 800 } };

/** A phone, as the e2e suite's phone project has it (playwright.config.ts): our page folds its filters there. */
export const PHONE_SCREEN: Screen = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
