// SuiteCloud CLI configuration. Deploying or validating always ships a fresh build:
// project:deploy builds and runs the whole test suite first; project:validate builds first.
const { execSync } = require('node:child_process');

const run = (command) => execSync(command, { stdio: 'inherit', cwd: __dirname });

module.exports = {
  defaultProjectFolder: 'src',
  commands: {
    'project:deploy': {
      beforeExecuting: (options) => {
        run('npm test');
        return options;
      },
    },
    'project:validate': {
      beforeExecuting: (options) => {
        run('npm run build');
        run('npm run validate:sdf');
        return options;
      },
    },
  },
};
