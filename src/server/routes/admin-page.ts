/**
 * `GET /admin`: the admin page (web/admin.html, its script web/dist/admin.js with Chart.js, web/admin.css). The page
 * itself holds no data: without `Authorization: Bearer $ADMIN_TOKEN` it is answered 401 and shows the token form;
 * every figure comes from `GET /api/admin/report`, which needs the token too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { bearer, tokenMatches } from '../access.js';
import { adminPageRateLimit } from '../plugins/security.js';

export const adminPageRoutes: FastifyPluginAsync<{ webDir: string }> = async (app, options) => {
  const html = readFileSync(path.join(options.webDir, 'admin.html'), 'utf8');
  app.get('/admin', { config: adminPageRateLimit(app.config.RATE_LIMIT_ADMIN_PER_MINUTE) }, (request, reply) => {
    const allowed = tokenMatches(bearer(request.headers.authorization), app.config.ADMIN_TOKEN);
    return reply
      .status(allowed ? 200 : 401)
      .header('cache-control', 'no-store')
      .header('www-authenticate', 'Bearer realm="admin"')
      .type('text/html; charset=utf-8')
      .send(html);
  });
  app.get('/admin.js', (_request, reply) => reply.sendFile('admin.js', path.join(options.webDir, 'dist')));
};
