const express = require('express');
const libxmljs = require('libxmljs2');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'], limit: '1mb' }));
const invoices = [];

app.post('/invoices', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true });
  const invoice = {
    number: doc.get('//number')?.text(),
    customer: doc.get('//customer')?.text(),
    total: Number(doc.get('//total')?.text() || 0),
  };
  invoices.push(invoice);
  res.status(201).json(invoice);
});

app.listen(3000);
