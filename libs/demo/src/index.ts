export { DemoModule } from './demo.module';
export { seedDemoData } from './demo-seeder';
export { formatDemoLogins } from './demo-logins';
