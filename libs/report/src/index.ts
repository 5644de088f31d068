export { buildReport, type Report } from './build-report.js';
export type {
  ReportInputs,
  ModelSummaryInput,
  SummaryRowInput,
  TrainingMemberInput,
  EpochPoint,
  EvaluationInput,
  DetectionInput,
  DetectionExample,
  ExampleBox,
  StageTiming,
  EnvironmentInput,
} from './types.js';
export { linePath, linearScale, niceTicks, lineChart, fmtCoord, type Point, type Series, type ChartOptions } from './svg.js';
export { tableToHtml, tableToMarkdown, pct, int, compact, duration, type Table } from './table.js';
export { table1, table3, table4, table5, ourRowFor, headline, stagesTable } from './sections.js';
export { exampleSvg, examplesGrid, boxRect } from './detections.js';
export { loadReportInputs, readEvaluationResults, readDetectionResult, STAGE_NAMES, type ExperimentFacts, type LoadOptions } from './load.js';
export { curvesFromLog } from './training-log.js';
