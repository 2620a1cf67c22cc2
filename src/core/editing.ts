/**
 * What the sidebar saves, as pure logic shared by both ends: the client checks a form with the same
 * schemas and reference lists before sending it, and the server checks it again under the document
 * lock, finds the record by ID, refuses to overwrite a row changed since it was loaded (row version),
 * and lays the row out. Everything here is plain JSON in, plain values out.
 */

export * from './editing/actions';
export * from './editing/checks';
export * from './editing/measures';
export * from './editing/requests';
export * from './editing/rows';
export * from './editing/sidebar-data';
