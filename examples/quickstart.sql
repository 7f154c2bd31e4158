-- PredictEngine quickstart: a whole scoring job in T-SQL.
-- Loads scikit-learn's breast-cancer data (examples/LICENSE-DATA.md), registers a random forest trained
-- on its training split (examples/make_example.py), scores every row with PREDICT, keeps the predictions
-- in a table and checks them in SQL.
--
--   ./predict sqlcmd -i examples/quickstart.sql                       (embedded engine, data in ./data)
--   ./predict sqlcmd -S localhost -U sa -P "$PASSWORD" -C -i examples/quickstart.sql   (over TDS)
--
-- Paths are read by the engine, relative to its working directory; the examples directory is allowed.
:setvar examples examples
:on error exit
SET NOCOUNT ON;

PRINT 'Loading $(examples)/breast_cancer.csv ...';
DROP TABLE IF EXISTS dbo.predictions;
DROP TABLE IF EXISTS dbo.breast_cancer;
CREATE TABLE dbo.breast_cancer (
    id int NOT NULL PRIMARY KEY,
    mean_radius real NOT NULL,
    mean_texture real NOT NULL,
    mean_perimeter real NOT NULL,
    mean_area real NOT NULL,
    mean_smoothness real NOT NULL,
    mean_compactness real NOT NULL,
    mean_concavity real NOT NULL,
    mean_concave_points real NOT NULL,
    mean_symmetry real NOT NULL,
    mean_fractal_dimension real NOT NULL,
    radius_error real NOT NULL,
    texture_error real NOT NULL,
    perimeter_error real NOT NULL,
    area_error real NOT NULL,
    smoothness_error real NOT NULL,
    compactness_error real NOT NULL,
    concavity_error real NOT NULL,
    concave_points_error real NOT NULL,
    symmetry_error real NOT NULL,
    fractal_dimension_error real NOT NULL,
    worst_radius real NOT NULL,
    worst_texture real NOT NULL,
    worst_perimeter real NOT NULL,
    worst_area real NOT NULL,
    worst_smoothness real NOT NULL,
    worst_compactness real NOT NULL,
    worst_concavity real NOT NULL,
    worst_concave_points real NOT NULL,
    worst_symmetry real NOT NULL,
    worst_fractal_dimension real NOT NULL,
    target int NOT NULL,
    split varchar(5) NOT NULL
);
BULK INSERT dbo.breast_cancer FROM N'$(examples)/breast_cancer.csv' WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDTERMINATOR = ',', ROWTERMINATOR = '\n');
SELECT COUNT(*) AS rows_loaded, SUM(CASE WHEN split = 'test' THEN 1 ELSE 0 END) AS test_rows FROM dbo.breast_cancer;
GO

PRINT 'Registering the model ...';
IF EXISTS (SELECT 1 FROM ml.models WHERE name = N'breast_cancer_forest')
    EXEC sp_drop_model @name = N'breast_cancer_forest';
-- The model takes one [N,30] float tensor named "input"; the input map says which columns fill it, in order.
EXEC sp_register_model
    @name = N'breast_cancer_forest',
    @path = N'$(examples)/breast_cancer_forest.onnx',
    @description = N'RandomForestClassifier(50 trees, depth 6) on the breast-cancer training split',
    @input_map = N'{"input": ["mean_radius", "mean_texture", "mean_perimeter", "mean_area", "mean_smoothness", "mean_compactness", "mean_concavity", "mean_concave_points", "mean_symmetry", "mean_fractal_dimension", "radius_error", "texture_error", "perimeter_error", "area_error", "smoothness_error", "compactness_error", "concavity_error", "concave_points_error", "symmetry_error", "fractal_dimension_error", "worst_radius", "worst_texture", "worst_perimeter", "worst_area", "worst_smoothness", "worst_compactness", "worst_concavity", "worst_concave_points", "worst_symmetry", "worst_fractal_dimension"]}';
EXEC sp_describe_model @name = N'breast_cancer_forest';
GO

PRINT 'Scoring with PREDICT ...';
DECLARE @model varbinary(max) =
    (SELECT TOP (1) model FROM ml.models WHERE name = N'breast_cancer_forest' ORDER BY version DESC);
SELECT d.id, d.split, d.target, p.label, p.probabilities_1 AS probability
INTO dbo.predictions
FROM PREDICT(MODEL = @model, DATA = dbo.breast_cancer AS d, RUNTIME = ONNX)
WITH (label bigint, probabilities_1 real) AS p;
SELECT TOP (5) id, split, target, label, probability FROM dbo.predictions ORDER BY id;
GO

PRINT 'Accuracy by split (scikit-learn: train 1.0000, test 0.9415):';
SELECT split,
       COUNT(*) AS rows,
       SUM(CASE WHEN label = target THEN 1 ELSE 0 END) AS correct,
       CAST(AVG(CASE WHEN label = target THEN 1.0 ELSE 0.0 END) AS decimal(5,4)) AS accuracy
FROM dbo.predictions
GROUP BY split
ORDER BY split;
GO
