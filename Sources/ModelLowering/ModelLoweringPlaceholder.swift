// Placeholder so the target builds; replaced when the target gets its content.
enum ModelLoweringPlaceholder {}
