// The name of the reports' DataSource, and how a repository asks for it.
import { Inject } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';

/** The named connection reports and dashboards read through (REPORTS_DATABASE_URL, else the primary). */
export const REPORTS_CONNECTION = 'reports';
export const REPORTS_DATA_SOURCE = getDataSourceToken(REPORTS_CONNECTION);

/** Injects the reports' DataSource: only for reads that may lag the primary (by a replica's replay delay). */
export const InjectReportsDataSource = (): ParameterDecorator => Inject(REPORTS_DATA_SOURCE);
