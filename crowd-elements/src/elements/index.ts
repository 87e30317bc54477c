/** The browser entry: defines every crowd element. Bundled into one script by build-script.ts. */
import { CrowdBoundingBox, CrowdKeypoint, CrowdLine, CrowdPolygon, CrowdPolyline } from './annotate';
import { CrowdClassifier, CrowdClassifierMultiSelect, CrowdImageClassifier, CrowdImageClassifierMultiSelect } from './classifiers';
import { CrowdEntityAnnotation } from './entity';
import { CrowdButton, CrowdForm } from './form';
import { CrowdCheckbox, CrowdInput, CrowdRadioButton, CrowdRadioGroup, CrowdSlider, CrowdTextArea } from './inputs';
import { CrowdAlert, CrowdInstructions } from './layout';
import { replayFromDocument } from './replay';

const ELEMENTS: Record<string, CustomElementConstructor> = {
  'crowd-form': CrowdForm,
  'crowd-button': CrowdButton,
  'crowd-instructions': CrowdInstructions,
  'crowd-alert': CrowdAlert,
  'crowd-input': CrowdInput,
  'crowd-text-area': CrowdTextArea,
  'crowd-checkbox': CrowdCheckbox,
  'crowd-radio-group': CrowdRadioGroup,
  'crowd-radio-button': CrowdRadioButton,
  'crowd-slider': CrowdSlider,
  'crowd-classifier': CrowdClassifier,
  'crowd-classifier-multi-select': CrowdClassifierMultiSelect,
  'crowd-image-classifier': CrowdImageClassifier,
  'crowd-image-classifier-multi-select': CrowdImageClassifierMultiSelect,
  'crowd-bounding-box': CrowdBoundingBox,
  'crowd-keypoint': CrowdKeypoint,
  'crowd-polygon': CrowdPolygon,
  'crowd-line': CrowdLine,
  'crowd-polyline': CrowdPolyline,
  'crowd-entity-annotation': CrowdEntityAnnotation,
};

// Loading the script twice (a template that repeats the loader tag) must not throw.
for (const [tag, constructor] of Object.entries(ELEMENTS)) if (!customElements.get(tag)) customElements.define(tag, constructor);

// A review replay document carries its answers in a JSON block; on every other page this does nothing.
replayFromDocument();
