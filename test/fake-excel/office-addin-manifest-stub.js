/**
 * Stands in for office-addin-manifest under jest (moduleNameMapper in jest.config.js):
 * office-addin-mock needs only its OfficeApp enum, and the real package pulls in an ESM-only
 * dependency that jest 30 cannot load. The values are office-addin-manifest's own.
 */
exports.OfficeApp = { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' };
