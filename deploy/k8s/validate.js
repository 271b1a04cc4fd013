// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas
// (the npm package kubernetes-models bundles them, with ajv), no cluster
// needed:
//
//   NODE_PATH=build/tools/node_modules node deploy/k8s/validate.js FILE.yaml...
//
// Every document must name a known apiVersion and kind and match its schema
// (types, enums, required fields). The schemas do not forbid unknown fields:
// `kubectl apply --validate=strict` catches those at deployment. Prints one
// line per document; exits 1 when any document is invalid.
"use strict";
const fs = require("fs");
const YAML = require("yaml");

// The model class of a kind (null if kubernetes-models has none).
function modelOf(apiVersion, kind) {
  const path = apiVersion.includes("/")
    ? `kubernetes-models/${apiVersion}/${kind}`
    : `kubernetes-models/v1/${kind}`;
  try {
    return require(path)[kind];
  } catch (e) {
    return null;
  }
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
  docs.forEach((doc, index) => {
    const name = `${file}#${index + 1}`;
    if (doc.errors.length > 0) {
      console.log(`INVALID ${name}: YAML: ${doc.errors[0].message}`);
      failed = true;
      return;
    }
    const object = doc.toJS();
    if (object === null) return;
    const Model = modelOf(object.apiVersion || "", object.kind || "");
    if (Model === null) {
      console.log(`INVALID ${name}: unknown apiVersion/kind ${object.apiVersion}/${object.kind}`);
      failed = true;
      return;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      console.log(`INVALID ${name} (${object.kind} ${object.metadata && object.metadata.name}): ${e.message}`);
      failed = true;
      return;
    }
    console.log(`valid ${name}: ${object.apiVersion} ${object.kind} ${object.metadata.name}`);
  });
}
process.exit(failed ? 1 : 0);
