const express = require('express');
const helmet = require('helmet');
const rateLimit = require('express-rate-limit');
const { z } = require('zod');
const { requireAuth } = require('./auth');
const Project = require('./models/project');

const app = express();
app.use(helmet());
app.use(express.json({ limit: '50kb' }));
app.use(rateLimit({ windowMs: 60000, max: 100 }));

const ProjectInput = z.object({
  name: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
});

app.get('/projects', requireAuth, async (req, res) => {
  const limit = Math.min(Math.max(parseInt(req.query.limit, 10) || 20, 1), 100);
  res.json(await Project.find({ owner: req.user.id }).limit(limit).lean());
});

app.get('/projects/:id', requireAuth, async (req, res) => {
  const project = await Project.findOne({ _id: req.params.id, owner: req.user.id }).lean();
  if (!project) return res.status(404).json({ error: 'not found' });
  res.json(project);
});

app.post('/projects', requireAuth, async (req, res) => {
  const parsed = ProjectInput.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: parsed.error.issues });
  const project = await Project.create({ ...parsed.data, owner: req.user.id });
  res.status(201).json(project);
});

app.listen(3000);
