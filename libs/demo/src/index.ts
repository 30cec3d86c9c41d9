export { formatDemoLogins } from './demo-logins';
export { seedDemoData } from './demo-seeder';
export { DemoModule } from './demo.module';
