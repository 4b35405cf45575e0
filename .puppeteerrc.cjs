// archgen uses the system Chromium (Debian's `chromium`, or PUPPETEER_EXECUTABLE_PATH);
// a browser download cannot work in the environments it targets.
module.exports = { skipDownload: true };
