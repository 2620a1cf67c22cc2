// jest globalSetup: the tests run in the script's time zone of appsscript.json (Europe/Paris), as the
// bundle does in Apps Script, whatever the machine's zone; the fake's spreadsheets take their own zone.
module.exports = () => {
  process.env.TZ = 'Europe/Paris';
};
