export { captureEmf, emfDataPoints, parseEmfDocument, type EmfCapture, type EmfDataPoint, type EmfDocument } from './emf';
